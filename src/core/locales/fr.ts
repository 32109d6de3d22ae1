/** French. Keys missing here fall back to English. */
import type { Catalogue } from '../i18n.js';

export const fr: Catalogue = {
  'state.loading': 'Chargement de vos avantages…',
  'state.guest': 'Connectez-vous pour voir vos avantages',
  'state.guest.action': 'Se connecter',
  'state.error': 'Impossible de charger vos avantages pour le moment.',
  'state.error.offline': 'Vous êtes hors ligne. Nous réessaierons à votre retour.',
  'state.error.config': 'Les avantages ne sont pas correctement configurés sur cette page.',
  'state.stale': 'Mise à jour…',
  'action.retry': 'Réessayer',

  'points.heading': 'Vos points',
  'points.count': { one: '{formatted} point', other: '{formatted} points' },
  'points.badge.label': { one: '{formatted} point de fidélité', other: '{formatted} points de fidélité' },
  'points.worth': 'Valeur : {amount}',
  'points.spendable': '{amount} à dépenser, récompenses comprises',
  'points.expiring': { one: '{formatted} point expire le {date}', other: '{formatted} points expirent le {date}' },
  'points.none': 'Pas encore de points. Faites vos achats pour en gagner.',
};
