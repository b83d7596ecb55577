/**
 * A gateway profile's id: lowercase letters, digits and dashes, up to 63
 * characters. The profile store refuses any other id and deep links carry
 * only these, so a link cannot smuggle a path or markup into the dashboard.
 */
export const PROFILE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
