export { createSignInManager, idleSignIn, loginArgs, SIGN_IN_TIMEOUT_MS, type SignInDeps, type SignInManager } from './sign-in';
export { accountFromStatus, accountLabel, isSignedIn, parseStatusJson } from './account';
export { claudeAuthEnv, locateClaude, type ClaudeCommand } from './claude-command';
export { findSignInUrl, isSignInUrl, SIGN_IN_HOSTS } from './dialogue';
export { nodeSpawner, type InteractiveProcess, type InteractiveSpawner } from './interactive-process';
