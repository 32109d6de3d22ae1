/**
 * The demo storefront's own copy in its three languages: the page chrome around the widgets (the widgets
 * translate themselves). A storefront has its own way to do this; this is the smallest that works. The demo
 * controls bar stays English: it is for developers, not shoppers.
 */
import type { DemoLocale } from './boot.js';

const EN = {
  title: 'Harbour & Co — omneo-widgets demo',
  'nav.label': 'Main',
  'nav.new': 'New in',
  'nav.women': 'Women',
  'nav.men': 'Men',
  'nav.rewards': 'Rewards',
  'header.account': 'My rewards',
  'header.signIn': 'Sign in',
  'account.signIn': 'Sign in to see your points, rewards and wishlist',
  'heart.signIn': 'Sign in to save',
  bag: 'Bag ({count})',
  'bag.added': 'Added {name} to the bag. Bag ({count}).',
  'hero.title': 'Summer linen has landed',
  'hero.body': 'Members earn 1 point per {amount} and spend rewards at checkout.',
  'shop.title': 'New in',
  'account.title': 'My rewards',
  'product.add': 'Add to bag',
  'product.addLabel': 'Add to bag: {name}',
  'product.sale': 'Now {price}, was {was}',
  footer:
    'A demo storefront. Loyalty data comes from a mock Omneo ID API through the reference token proxy, both built-in development defaults.',
  'LS.name': 'Linen Relaxed Shirt',
  'KN.name': 'Merino Crew Knit',
  'DR.name': 'Wrap Midi Dress',
  'SN.name': 'Canvas Sneaker',
  'TB.name': 'Leather Tote',
  'colour.sand': 'Sand',
  'colour.navy': 'Navy',
  'colour.ink': 'Ink',
  'colour.white': 'White',
  'colour.tan': 'Tan',
};
export type CopyKey = keyof typeof EN;

const COPY: Record<DemoLocale, Record<CopyKey, string>> = {
  'en-AU': EN,
  'fr-FR': {
    title: 'Harbour & Co — démo omneo-widgets',
    'nav.label': 'Principal',
    'nav.new': 'Nouveautés',
    'nav.women': 'Femme',
    'nav.men': 'Homme',
    'nav.rewards': 'Avantages',
    'header.account': 'Mes récompenses',
    'header.signIn': 'Se connecter',
    'account.signIn': 'Connectez-vous pour voir vos points, récompenses et favoris',
    'heart.signIn': 'Connectez-vous pour enregistrer',
    bag: 'Panier ({count})',
    'bag.added': '{name} ajouté au panier. Panier ({count}).',
    'hero.title': 'Le lin d’été est arrivé',
    'hero.body': 'Les membres gagnent 1 point par tranche de {amount} et utilisent leurs récompenses au paiement.',
    'shop.title': 'Nouveautés',
    'account.title': 'Mes récompenses',
    'product.add': 'Ajouter au panier',
    'product.addLabel': 'Ajouter au panier\u00a0: {name}',
    'product.sale': 'Maintenant {price}, au lieu de {was}',
    footer:
      'Une boutique de démonstration. Les données de fidélité viennent d’une API Omneo ID simulée, par le proxy de jetons de référence, tous deux fournis par défaut pour le développement.',
    'LS.name': 'Chemise ample en lin',
    'KN.name': 'Pull col rond en mérinos',
    'DR.name': 'Robe portefeuille midi',
    'SN.name': 'Basket en toile',
    'TB.name': 'Cabas en cuir',
    'colour.sand': 'Sable',
    'colour.navy': 'Marine',
    'colour.ink': 'Encre',
    'colour.white': 'Blanc',
    'colour.tan': 'Fauve',
  },
  ar: {
    title: 'Harbour & Co — عرض omneo-widgets التجريبي',
    'nav.label': 'الرئيسية',
    'nav.new': 'وصل حديثًا',
    'nav.women': 'نساء',
    'nav.men': 'رجال',
    'nav.rewards': 'المكافآت',
    'header.account': 'مكافآتي',
    'header.signIn': 'تسجيل الدخول',
    'account.signIn': 'سجّل الدخول لرؤية نقاطك ومكافآتك وقائمة أمنياتك',
    'heart.signIn': 'سجّل الدخول للحفظ',
    bag: 'الحقيبة ({count})',
    'bag.added': 'تمت إضافة {name} إلى الحقيبة. الحقيبة ({count}).',
    'hero.title': 'وصلت تشكيلة الكتان الصيفية',
    'hero.body': 'يكسب الأعضاء نقطة واحدة مقابل كل {amount} ويستخدمون مكافآتهم عند الدفع.',
    'shop.title': 'وصل حديثًا',
    'account.title': 'مكافآتي',
    'product.add': 'أضف إلى الحقيبة',
    'product.addLabel': 'أضف إلى الحقيبة: {name}',
    'product.sale': 'الآن {price}، بدلًا من {was}',
    footer: 'متجر تجريبي. تأتي بيانات الولاء من واجهة Omneo ID API محاكاة عبر وكيل الرموز المرجعي، وكلاهما من إعدادات التطوير المدمجة.',
    'LS.name': 'قميص كتان واسع',
    'KN.name': 'كنزة ميرينو برقبة دائرية',
    'DR.name': 'فستان ملفوف متوسط الطول',
    'SN.name': 'حذاء رياضي من القماش',
    'TB.name': 'حقيبة يد جلدية',
    'colour.sand': 'رملي',
    'colour.navy': 'كحلي',
    'colour.ink': 'حبري',
    'colour.white': 'أبيض',
    'colour.tan': 'بني فاتح',
  },
};

export function t(locale: DemoLocale, key: CopyKey, params: Record<string, string> = {}): string {
  return COPY[locale][key].replace(/\{(\w+)\}/g, (slot, name: string) => params[name] ?? slot);
}

/** Money the way the widgets show it: whole amounts without cents ($69, 129,95 $AU). */
export function formatMoney(value: number, locale: DemoLocale): string {
  const whole = Math.round(value * 100) % 100 === 0;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'AUD', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(value);
}

export function formatCount(value: number, locale: DemoLocale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/**
 * Puts the page's static copy in `locale`: `data-copy="key"` sets an element's text, `data-copy-label="key"`
 * its aria-label, and the bag link shows its `data-count`.
 */
export function applyCopy(locale: DemoLocale, root: ParentNode = document): void {
  document.title = t(locale, 'title');
  for (const element of root.querySelectorAll<HTMLElement>('[data-copy]')) {
    const key = element.dataset.copy as CopyKey;
    if (key === 'hero.body') element.textContent = t(locale, key, { amount: formatMoney(1, locale) });
    else if (key in EN) element.textContent = t(locale, key);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-copy-label]')) {
    const key = element.dataset.copyLabel as CopyKey;
    if (key in EN) element.setAttribute('aria-label', t(locale, key));
  }
  for (const bag of root.querySelectorAll<HTMLElement>('[data-bag]')) {
    bag.textContent = t(locale, 'bag', { count: formatCount(Number(bag.dataset.count ?? 0), locale) });
  }
}
