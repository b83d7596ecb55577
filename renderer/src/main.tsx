import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { openClient } from './bridge';
import { connectStore } from './store';
import { NoTokenPage } from './views/NoTokenPage';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);
void openClient().then((connection) => {
  if ('noToken' in connection) {
    root.render(<NoTokenPage reason={connection.noToken} />);
    // Pasting the printed URL into this tab changes only the fragment: start over with it.
    window.addEventListener('hashchange', () => {
      if (/[#&](token|code)=/.test(window.location.hash)) window.location.reload();
    });
    return;
  }
  connectStore(connection.client);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
