/**
 * Compares the prediction with what the installed Claude Code says about
 * itself (`claude auth status`, claude-code-facts §10.6–10.7). The installed
 * build is ground truth; a difference becomes a finding naming it.
 */
import type { ClaudeCodeInfo, Finding, ProviderId } from '../../types';
import { makeFinding } from '../../diagnosis/make-finding';
import type { ResolvedCredential, ResolvedRoute } from '../resolved';

const API_PROVIDER: Partial<Record<ProviderId, string>> = {
  anthropic: 'firstParty',
  bedrock: 'bedrock',
  vertex: 'vertex',
  foundry: 'foundry',
};

/** What `authMethod` should read for a predicted credential kind; null when unknown. */
function expectedAuthMethod(kind: ResolvedCredential['kind']): string[] | null {
  switch (kind) {
    case 'ANTHROPIC_AUTH_TOKEN':
    case 'CLAUDE_CODE_OAUTH_TOKEN':
      return ['oauth_token'];
    case 'ANTHROPIC_API_KEY':
      return ['api_key'];
    case 'apiKeyHelper':
      return ['api_key_helper'];
    case 'provider':
      return ['third_party'];
    case 'none':
      return ['none'];
    default:
      return null;
  }
}

function expectedApiKeySource(credential: ResolvedCredential): string | null {
  if (credential.kind === 'ANTHROPIC_API_KEY') return 'ANTHROPIC_API_KEY';
  if ((credential.kind === 'ANTHROPIC_AUTH_TOKEN' || credential.kind === 'apiKeyHelper') && credential.values['x-api-key']) return 'ANTHROPIC_API_KEY';
  if (credential.kind === 'apiKeyHelper' || (credential.kind === 'ANTHROPIC_AUTH_TOKEN' && credential.helperCommand)) return 'apiKeyHelper';
  return null;
}

/**
 * Returns a `resolver-disagrees-with-claude` finding when `claude auth status`
 * contradicts the predicted credential kind, provider or API key source.
 * Project-scoped credentials are not compared: auth status runs outside the project.
 */
export function crossCheck(claude: ClaudeCodeInfo, credential: ResolvedCredential, route: ResolvedRoute): Finding | null {
  const status = claude.authStatus;
  if (!claude.installed || !status) return null;
  const projectScoped = credential.source?.kind === 'project-settings' || credential.source?.kind === 'local-settings';
  if (projectScoped) return null;
  const differences: string[] = [];

  const authMethod = typeof status.authMethod === 'string' ? status.authMethod : null;
  const expectedMethods = expectedAuthMethod(credential.kind);
  if (authMethod && expectedMethods && !expectedMethods.includes(authMethod)) {
    differences.push(`authMethod is "${authMethod}" but Gateway Doctor predicted ${credential.kind} (expected "${expectedMethods.join('" or "')}")`);
  }
  const apiProvider = typeof status.apiProvider === 'string' ? status.apiProvider : null;
  const expectedProvider = API_PROVIDER[route.provider];
  if (apiProvider && expectedProvider && apiProvider !== expectedProvider) {
    differences.push(`apiProvider is "${apiProvider}" but Gateway Doctor predicted "${expectedProvider}"`);
  }
  if (route.provider === 'anthropic' && credential.kind !== 'claudeai-login') {
    const reported = typeof status.apiKeySource === 'string' && status.apiKeySource !== 'none' ? status.apiKeySource : null;
    const expected = expectedApiKeySource(credential);
    if (reported !== expected) {
      differences.push(`apiKeySource is ${reported ? `"${reported}"` : 'absent'} but Gateway Doctor predicted ${expected ? `"${expected}"` : 'none'}`);
    }
  }
  if (differences.length === 0) return null;
  return makeFinding('resolver-disagrees-with-claude', {
    detail: `claude auth status (Claude Code ${claude.version ?? 'unknown'}): ${differences.join('; ')}.`,
  });
}
