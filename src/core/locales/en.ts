/** English, the source catalogue: every key the elements use is defined here. */
export const en = {
  'state.loading': 'Loading your rewards…',
  'state.guest': 'Sign in to see your rewards',
  'state.guest.action': 'Sign in',
  'state.error': "We couldn't load your rewards right now.",
  'state.error.offline': "You're offline. We'll try again when you're back.",
  'state.error.config': 'Rewards are not set up correctly on this page.',
  'state.stale': 'Updating…',
  'action.retry': 'Retry',

  'points.heading': 'Your points',
  'points.count': { one: '{formatted} point', other: '{formatted} points' },
  'points.badge.label': { one: '{formatted} loyalty point', other: '{formatted} loyalty points' },
  'points.worth': 'Worth {amount}',
  'points.spendable': '{amount} to spend, including rewards',
  'points.expiring': { one: '{formatted} point expires on {date}', other: '{formatted} points expire on {date}' },
  'points.none': 'No points yet. Shop to start earning.',
} as const;

export type MessageKey = keyof typeof en;
