import type { EnvReport, Source, StatusReport } from '../../../core/types';
import { claudeInstallText } from '../lib/claude-install';
import { PathText, useHomeDir } from '../components/PathText';
import { formatSource, sourceTitle } from '../lib/format';
import { useDashboard } from '../store';

interface Row {
  label: string;
  value: string | null;
  source?: Source | null;
  env?: EnvReport;
}

/** The /status rows, each with the file and line it comes from. */
function statusRows(status: StatusReport): Row[] {
  const env = status.env;
  const rows = status.rows;
  return [
    { label: 'Setting sources', value: rows.settingSources.join(', ') || 'none' },
    { label: 'API provider', value: rows.apiProvider },
    { label: 'Anthropic base URL', value: rows.anthropicBaseUrl, source: status.baseUrl?.source, env: env.ANTHROPIC_BASE_URL },
    { label: 'Auth token', value: rows.authToken, env: env.ANTHROPIC_AUTH_TOKEN },
    { label: 'API key', value: rows.apiKey, env: env.ANTHROPIC_API_KEY },
    { label: 'Login method', value: rows.loginMethod },
    { label: 'Credential', value: `${status.credential.kind}${status.credential.redacted ? ` ${status.credential.redacted}` : ''} → ${status.credential.headers.join(', ') || 'no header'}`, source: status.credential.source },
    { label: 'Custom headers', value: rows.customHeaders.join(', ') || null, env: env.ANTHROPIC_CUSTOM_HEADERS },
    { label: 'Proxy', value: rows.proxy, env: env.HTTPS_PROXY ?? env.https_proxy },
    { label: 'Extra CA certificates', value: rows.extraCa, env: env.NODE_EXTRA_CA_CERTS },
    { label: 'Model', value: rows.model, source: status.model.source },
  ];
}

function Shadowed({ env }: { env?: EnvReport }) {
  const home = useHomeDir();
  if (!env || env.shadowed.length === 0) return null;
  return (
    <ul className="shadowed" aria-label="Overridden values">
      {env.shadowed.map((s, i) => (
        <li key={i}>
          <s>{s.value}</s> <span className="muted small" title={sourceTitle(s.source)}>overridden · {formatSource(s.source, home)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Which claude the predictions are based on, and where the app found it. */
function ClaudeInstall({ status }: { status: StatusReport }) {
  const { text, path } = claudeInstallText(status.claudeCode);
  return (
    <p data-testid="claude-install">
      {text} {path && <PathText path={path} />}
    </p>
  );
}

export function ConfigurationView() {
  const status = useDashboard((s) => s.snapshot?.status);
  const home = useHomeDir();
  if (!status) return null;
  const envNames = Object.keys(status.env).sort();
  return (
    <section aria-labelledby="config-title" className="view">
      <h1 id="config-title" className="view-title">Configuration</h1>
      <p className="muted">What Claude Code will use{status.projectDir ? <> in <PathText path={status.projectDir} /></> : ''}, and where each value comes from. Secrets show at most their last 4 characters.</p>
      <ClaudeInstall status={status} />
      <table className="table" data-testid="status-rows">
        <thead>
          <tr><th scope="col">Setting</th><th scope="col">Value</th><th scope="col">From</th></tr>
        </thead>
        <tbody>
          {statusRows(status).map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>
                {row.value ? <code>{row.value}</code> : <span className="muted">not set</span>}
                {row.env && !row.env.applied && <span className="badge warning">not applied at start-up</span>}
                <Shadowed env={row.env} />
              </td>
              <td className="provenance" title={sourceTitle(row.source ?? row.env?.source)}>{row.source === undefined && !row.env ? '—' : formatSource(row.source ?? row.env?.source, home)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Environment variables</h2>
      {envNames.length === 0 ? (
        <p className="muted">No Claude Code variables are set in any settings file or the shell.</p>
      ) : (
        <table className="table" data-testid="env-rows">
          <thead>
            <tr><th scope="col">Variable</th><th scope="col">Value</th><th scope="col">From</th></tr>
          </thead>
          <tbody>
            {envNames.map((name) => {
              const env = status.env[name];
              return (
                <tr key={name}>
                  <th scope="row"><code>{name}</code></th>
                  <td>
                    <code>{env.value}</code>
                    {!env.applied && <span className="badge warning">not applied at start-up</span>}
                    <Shadowed env={env} />
                  </td>
                  <td className="provenance" title={sourceTitle(env.source)}>{formatSource(env.source, home)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>Files consulted</h2>
      <ul className="sources">
        {status.sources.map((source) => (
          <li key={`${source.kind}:${source.path}`} className={`source source-${source.state}`}>
            <span className={`badge state-${source.state}`}>{source.state}</span> <PathText path={source.path} />
            {source.problem && <span className="error-text small"> — {source.problem}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
