import { expect } from '@open-wc/testing';
import type { Catalogue, Message } from '../../src/core/i18n.js';
import { loadCatalogue, registerEnglish, translate } from '../../src/core/i18n.js';
import { ar } from '../../src/core/locales/ar.js';
import { en } from '../../src/core/locales/en.js';
import { fr } from '../../src/core/locales/fr.js';

const source = en as Record<string, Message>;
const placeholders = (message: Message | undefined) =>
  new Set(JSON.stringify(message ?? '').match(/\{\w+\}/g) ?? []);

describe('locale catalogues', () => {
  before(() => {
    // Every element's English, as on a page that shows them all.
    registerEnglish(en);
    return Promise.all([loadCatalogue('fr'), loadCatalogue('ar')]);
  });

  for (const [name, catalogue] of [['fr', fr], ['ar', ar]] as [string, Catalogue][]) {
    const entries = catalogue as Record<string, Message>;

    it(`${name} translates every English key, and nothing else`, () => {
      expect(Object.keys(source).filter((key) => !(key in entries))).to.deep.equal([]);
      expect(Object.keys(entries).filter((key) => !(key in source))).to.deep.equal([]);
    });

    it(`${name} keeps every placeholder the English copy fills in`, () => {
      const lost: string[] = [];
      for (const [key, message] of Object.entries(source)) {
        const translated = placeholders(entries[key]);
        // `{formatted}` may be spelled out ("one point", "نقطتان") in singular and dual forms.
        for (const slot of placeholders(message)) if (slot !== '{formatted}' && !translated.has(slot)) lost.push(`${key} ${slot}`);
      }
      expect(lost).to.deep.equal([]);
    });

    it(`${name} plural messages always have an "other" form`, () => {
      const incomplete = Object.entries(entries).filter(([, message]) => typeof message === 'object' && !message.other);
      expect(incomplete.map(([key]) => key)).to.deep.equal([]);
    });
  }

  for (const [language, catalogue] of [['fr', fr], ['ar', ar]] as [string, Catalogue][]) {
    it(`every ${language} plural message has every form the language selects`, () => {
      const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const incomplete = Object.entries(catalogue as Record<string, Message>)
        .filter(([, message]) => typeof message === 'object')
        .map(([key, message]) => [key, forms.filter((form) => !(form in (message as object)))] as const)
        .filter(([, missing]) => missing.length > 0)
        .map(([key, missing]) => `${key}: ${missing.join(', ')}`);
      expect(incomplete).to.deep.equal([]);
    });
  }

  // Every form of a message, as one text.
  const textOf = (message: Message | undefined) => (typeof message === 'object' ? Object.values(message).join(' | ') : (message ?? ''));

  it('French puts a no-break space before : ? ! and ;, so a narrow card never starts a line with one', () => {
    const breakable = Object.entries(fr as Record<string, Message>)
      .filter(([, message]) => /[^\S\u00a0\u202f][:?!;]|[^\s\u00a0\u202f][:?!;](\s|$)/.test(textOf(message)))
      .map(([key]) => key);
    expect(breakable).to.deep.equal([]);
  });

  it('tier copy never calls tier points plain "points", in any language (omneo-api.md §2.6: not the redeemable balance)', () => {
    // A points word not followed (fr, ar) or preceded (en) by the tier's.
    const plainPoints: [string, Record<string, Message>, RegExp][] = [
      ['en', source, /(?<!tier )\bpoints?\b/i],
      ['fr', fr as Record<string, Message>, /\bpoints?\b(?! de statut)/i],
      ['ar', ar as Record<string, Message>, /نق(?:طة|اط|طتا|طتي|طتان)(?=\s|$)(?!\s(?:ال)?مستوى)/],
    ];
    const untold = plainPoints.flatMap(([language, entries, pattern]) =>
      Object.keys(source)
        .filter((key) => key.startsWith('tier.') && pattern.test(textOf(entries[key])))
        .map((key) => `${language} ${key}`),
    );
    expect(untold).to.deep.equal([]);
  });

  it('rewards and benefits keep their own words in every language: a reward is never called a benefit, nor the reverse', () => {
    const words: Record<string, { reward: RegExp; benefit: RegExp }> = {
      fr: { reward: /récompense/i, benefit: /avantage/i },
      ar: { reward: /مكاف/, benefit: /ميز|مزاي/ },
    };
    const crossed: string[] = [];
    for (const [language, catalogue] of [['fr', fr], ['ar', ar]] as [string, Catalogue][]) {
      const entries = catalogue as Record<string, Message>;
      for (const [key, message] of Object.entries(source)) {
        const english = textOf(message);
        const reward = /\brewards?\b/i.test(english);
        const benefit = /\bbenefits?\b/i.test(english);
        if (reward === benefit) continue; // neither, or both ("No rewards or benefits yet.")
        const { reward: rewardWord, benefit: benefitWord } = words[language]!;
        if (reward ? benefitWord.test(textOf(entries[key])) : rewardWord.test(textOf(entries[key]))) crossed.push(`${language} ${key}`);
      }
    }
    expect(crossed).to.deep.equal([]);
  });

  it('Arabic tier and wallet counts use the six Arabic plural forms', () => {
    const tierPoints = (count: number) => translate('ar', 'tier.toNext', { count, formatted: String(count), tier: 'Gold' });
    expect(tierPoints(1)).to.equal('نقطة مستوى واحدة للوصول إلى Gold');
    expect(tierPoints(2)).to.equal('نقطتا مستوى للوصول إلى Gold');
    expect(tierPoints(5)).to.equal('5 نقاط مستوى للوصول إلى Gold');
    expect(tierPoints(11)).to.equal('11 نقطة مستوى للوصول إلى Gold');
    expect(translate('ar', 'wallet.benefit.uses', { count: 0, formatted: '0' })).to.equal('لا استخدامات متبقية');
  });

  it('English and French plurals: one and other (French treats 0 as singular), French many', () => {
    expect(translate('en-AU', 'tier.toNext', { count: 1, formatted: '1', tier: 'Gold' })).to.equal('1 tier point to Gold');
    expect(translate('en-AU', 'tier.toNext', { count: 2, formatted: '2', tier: 'Gold' })).to.equal('2 tier points to Gold');
    expect(translate('fr-FR', 'wallet.benefit.uses', { count: 0, formatted: '0' })).to.equal('0 utilisation restante');
    expect(translate('fr-FR', 'wallet.benefit.uses', { count: 3, formatted: '3' })).to.equal('3 utilisations restantes');
    // A round million takes "de" (CLDR's "many"); 1,500,000 does not.
    expect(translate('fr-FR', 'points.count', { count: 1_000_000, formatted: '1 000 000' })).to.equal('1 000 000 de points');
    expect(translate('fr-FR', 'points.count', { count: 1_500_000, formatted: '1 500 000' })).to.equal('1 500 000 points');
  });
});
