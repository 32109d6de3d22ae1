/** Arabic (right to left). Keys missing here fall back to English. Arabic has six plural forms. */
import type { Catalogue } from '../i18n.js';

export const ar: Catalogue = {
  'state.loading': 'جارٍ تحميل مكافآتك…',
  'state.guest': 'سجّل الدخول لعرض مكافآتك',
  'state.guest.action': 'تسجيل الدخول',
  'state.error': 'تعذّر تحميل مكافآتك الآن.',
  'state.error.offline': 'أنت غير متصل. سنحاول مجددًا عند عودتك.',
  'state.error.config': 'لم يتم إعداد المكافآت بشكل صحيح في هذه الصفحة.',
  'state.stale': 'جارٍ التحديث…',
  'action.retry': 'إعادة المحاولة',

  'points.heading': 'نقاطك',
  'points.count': {
    zero: '{formatted} نقطة',
    one: 'نقطة واحدة',
    two: 'نقطتان',
    few: '{formatted} نقاط',
    many: '{formatted} نقطة',
    other: '{formatted} نقطة',
  },
  'points.badge.label': { one: 'نقطة ولاء واحدة', two: 'نقطتا ولاء', few: '{formatted} نقاط ولاء', other: '{formatted} نقطة ولاء' },
  'points.worth': 'قيمتها {amount}',
  'points.spendable': '{amount} للإنفاق، شاملة المكافآت',
  'points.expiring': { one: 'تنتهي صلاحية نقطة واحدة في {date}', other: 'تنتهي صلاحية {formatted} نقطة في {date}' },
  'points.none': 'لا توجد نقاط بعد. تسوّق لتبدأ بجمعها.',
};
