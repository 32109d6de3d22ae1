/** English for <omneo-tier-progress>: registered when the element first connects, so a page downloads the copy of the elements it shows. */
// Tier points are not the redeemable balance: always say "tier points".
export const enTier = {
  'tier.heading': 'Your tier',
  'tier.empty': 'No tier yet. Every purchase earns tier points towards your first tier.',
  'tier.error': "We couldn't load your tier right now.",
  'tier.progress.label': 'Progress to {tier}',
  'tier.progress.valuetext': { one: '{percent} of the way to {tier}, {formatted} tier point to go', other: '{percent} of the way to {tier}, {formatted} tier points to go' },
  'tier.progress.figures': '{earned} of {required} tier points',
  'tier.toNext': { one: '{formatted} tier point to {tier}', other: '{formatted} tier points to {tier}' },
  'tier.reached': 'You have the tier points for {tier}: it will be yours at the next review.',
  // The next tier when Omneo says neither how far it is nor its threshold (tierProgress): named, no figure.
  'tier.next': 'Your next tier is {tier}.',
  'tier.top': "You're in our top tier.",
  'tier.maintain.label': 'Tier points to keep {tier}',
  // At the top tier the figures are the maintain ones: earned can pass required, so never "2,720 of 2,500".
  'tier.maintain.figures': { one: '{formatted} tier point earned ({required} needed to keep {tier})', other: '{formatted} tier points earned ({required} needed to keep {tier})' },
  'tier.maintain.needed': { one: 'Earn {formatted} more tier point before {date} to keep {tier}.', other: 'Earn {formatted} more tier points before {date} to keep {tier}.' },
  'tier.maintain.neededNoDate': { one: 'Earn {formatted} more tier point to keep {tier}.', other: 'Earn {formatted} more tier points to keep {tier}.' },
  'tier.maintain.done': "You've earned enough to keep {tier} at your review on {date}.",
  'tier.maintain.doneNoDate': "You've earned enough to keep {tier}.",
  'tier.ladder.heading': 'All tiers',
  'tier.ladder.from': { one: 'From {formatted} tier point', other: 'From {formatted} tier points' },
  'tier.ladder.floor': 'Where every member starts',
  'tier.ladder.current': 'Your tier',
  'tier.ladder.error': "We couldn't load the list of tiers.",
  // A tier Omneo sends without a name: where the name stands alone (the big name, the bar's ends), and inside a
  // sentence in place of {tier} ("400 tier points to the next tier", "Earn 50 more tier points to keep your tier.").
  'tier.unnamed.current': 'Current tier',
  'tier.unnamed.next': 'Next tier',
  'tier.unnamed.currentInText': 'your tier',
  'tier.unnamed.nextInText': 'the next tier',
} as const;
