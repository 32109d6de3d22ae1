/**
 * React wrappers (`omneo-widgets/react`), made with @lit/react: typed props and `onOmneo…` event props.
 * Importing this module registers the wrapped elements, like the package's main entry.
 *
 * React 19 can render the custom elements directly too; the wrappers add prop types and event props.
 * Adding an element: one `createComponent` below (and its define import).
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import '../components/points-balance/define.js';
import '../components/tier-progress/define.js';
import { OmneoPointsBalance } from '../components/points-balance/points-balance.js';
import { OmneoTierProgress } from '../components/tier-progress/tier-progress.js';
import type { OmneoEventDetails } from '../core/events.js';

type OmneoEvent<K extends keyof OmneoEventDetails> = EventName<CustomEvent<OmneoEventDetails[K]>>;

/** The events every element may fire. */
const commonEvents = {
  onOmneoReady: 'omneo-ready' as OmneoEvent<'omneo-ready'>,
  onOmneoError: 'omneo-error' as OmneoEvent<'omneo-error'>,
};

export const PointsBalance = createComponent({
  react: React,
  tagName: 'omneo-points-balance',
  elementClass: OmneoPointsBalance,
  events: commonEvents,
  displayName: 'PointsBalance',
});

export const TierProgress = createComponent({
  react: React,
  tagName: 'omneo-tier-progress',
  elementClass: OmneoTierProgress,
  events: commonEvents,
  displayName: 'TierProgress',
});

export { configure, type OmneoConfig } from '../core/config.js';
export { logout, refresh } from '../core/runtime.js';
