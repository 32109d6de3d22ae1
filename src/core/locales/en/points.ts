/** English for <omneo-points-balance>: registered when the element first connects, so a page downloads the copy of the elements it shows. */
export const enPoints = {
  'points.heading': 'Your points',
  'points.count': { one: '{formatted} point', other: '{formatted} points' },
  'points.badge.label': { one: '{formatted} loyalty point', other: '{formatted} loyalty points' },
  'points.worth': 'Worth {amount}',
  'points.spendable': '{amount} to spend, including rewards',
  'points.expiring': { one: '{formatted} point expires on {date}', other: '{formatted} points expire on {date}' },
  'points.none': 'No points yet. Shop to start earning.',
  // A balance below zero (points taken back, e.g. after a return): said plainly, instead of "No points yet".
  'points.negative': 'Your balance is below zero: the points you earn will bring it back up.',
  'points.error': "We couldn't load your points right now.",
  // The header badge's error state, before its Retry ("Points unavailable · Retry"): what failed, in two words.
  'points.badge.error': 'Points unavailable',
} as const;
