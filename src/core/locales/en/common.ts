/** English shared by every element: loading, guest, error, stale (updating, or out of date after a failed refresh) and Retry. Ships with the base element. */
export const enCommon = {
  'state.loading': 'Loading your rewards…',
  'state.guest': 'Sign in to see your rewards',
  'state.guest.action': 'Sign in',
  // An element names what failed with its own copy (renderError's `failed`); this one fits any card.
  'state.error': "We couldn't load this right now.",
  'state.error.offline': "You're offline. We'll try again when you're back.",
  'state.error.config': 'Rewards are not set up correctly on this page.',
  'state.stale': 'Updating…',
  'state.outdated': 'May be out of date',
  'action.retry': 'Retry',
} as const;
