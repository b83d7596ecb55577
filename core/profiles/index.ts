/**
 * Gateway profiles and login/gateway switching. The switch itself is planned
 * and applied by the fix engine (`engine.planSwitch`), so it has a preview,
 * a backup and an undo like every other change.
 */
export { createProfileStore, ProfileError, type ProfileStore } from './profile-store';
export { describeMode } from './mode';
export { GATEWAY_VARIABLES, PROVIDER_VARIABLES, profileVariables, sameBaseUrl } from './gateway-variables';
export { createLastGatewayMemory, type LastGateway, type LastGatewayMemory } from './last-gateway';
