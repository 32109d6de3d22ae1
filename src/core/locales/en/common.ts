/** English shared by every element: loading, guest, error, stale and Retry. Ships with the base element. */
export const enCommon = {
  'state.loading': 'Loading your rewards…',
  'state.guest': 'Sign in to see your rewards',
  'state.guest.action': 'Sign in',
  'state.error': "We couldn't load your rewards right now.",
  'state.error.offline': "You're offline. We'll try again when you're back.",
  'state.error.config': 'Rewards are not set up correctly on this page.',
  'state.stale': 'Updating…',
  'action.retry': 'Retry',
} as const;
