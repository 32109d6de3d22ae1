/** English for <omneo-rewards>: registered when the element first connects, so a page downloads the copy of the elements it shows. */
export const enHub = {
  'hub.label': 'Your rewards',
} as const;
