import { expect } from '@open-wc/testing';
import { directionOf, isCatalogueLoaded, loadCatalogue, registerCatalogue, registerEnglish, translate, type Overrides } from '../../src/core/i18n.js';
import { enPoints } from '../../src/core/locales/en/points.js';
import { enWallet } from '../../src/core/locales/en/wallet.js';

describe('localisation: catalogues', () => {
  it('loads catalogues other than English on demand', async () => {
    expect(isCatalogueLoaded('en-AU')).to.equal(true);
    expect(isCatalogueLoaded('de-DE'), 'no German catalogue: English at once').to.equal(true);
    expect(isCatalogueLoaded('fr-CA')).to.equal(false);
    expect(translate('fr', 'action.retry'), 'English until French arrives').to.equal('Retry');
    const french = loadCatalogue('fr-CA');
    expect(loadCatalogue('fr'), 'one load per language').to.equal(french);
    await Promise.all([french, loadCatalogue('ar')]);
    expect(isCatalogueLoaded('fr-FR')).to.equal(true);
    expect(translate('fr', 'action.retry')).to.equal('Réessayer');
  });
});

describe('localisation: English by element', () => {
  it('holds the common copy at first, and an element’s own once it registers it', () => {
    expect(translate('en', 'action.retry')).to.equal('Retry');
    expect(translate('en', 'wallet.heading'), 'no wallet on the page yet').to.equal('wallet.heading');
    registerEnglish(enWallet);
    registerEnglish(enWallet);
    expect(translate('en-AU', 'wallet.heading')).to.equal('Your wallet');
  });
});

describe('localisation', () => {
  before(() => {
    registerEnglish(enPoints);
    return Promise.all([loadCatalogue('fr'), loadCatalogue('ar')]);
  });

  it('picks plural forms with Intl.PluralRules', () => {
    expect(translate('en', 'points.count', { count: 1, formatted: '1' })).to.equal('1 point');
    expect(translate('en', 'points.count', { count: 2, formatted: '2' })).to.equal('2 points');
    expect(translate('fr', 'points.count', { count: 0, formatted: '0' })).to.equal('0 point');
    expect(translate('ar', 'points.count', { count: 2, formatted: '٢' })).to.equal('نقطتان');
    expect(translate('ar', 'points.count', { count: 5, formatted: '٥' })).to.equal('٥ نقاط');
  });

  it('falls back from region to language to English', () => {
    expect(translate('fr-CA', 'action.retry')).to.equal('Réessayer');
    expect(translate('de-DE', 'action.retry')).to.equal('Retry');
  });

  it('falls back through a script as well as a region: zh-Hant-TW finds zh-Hant, sr-Latn-RS finds sr-Latn', () => {
    registerCatalogue('zh-Hant', { 'action.retry': '重試' });
    registerCatalogue('zh', { 'action.retry': '重试' });
    expect(translate('zh-Hant-TW', 'action.retry')).to.equal('重試');
    expect(translate('zh-Hans-CN', 'action.retry')).to.equal('重试');
    expect(translate('sr-Latn-RS', 'state.stale', {}, { 'sr-Latn': { 'state.stale': 'Ažuriranje…' } })).to.equal('Ažuriranje…');
    expect(isCatalogueLoaded('zh-Hant-HK')).to.equal(true);
  });

  it('finds the script a region writes in: zh-TW and zh-HK read a zh-Hant catalogue, not zh (Simplified), zh-SG zh-Hans', () => {
    // Taiwan's storefronts (Shopify among them) tag their pages zh-TW, not zh-Hant-TW.
    registerCatalogue('zh-Hant', { 'action.retry': '重試' });
    registerCatalogue('zh', { 'action.retry': '重试' });
    registerCatalogue('zh-Hans', { 'state.stale': '更新中…' });
    expect(translate('zh-TW', 'action.retry')).to.equal('重試');
    expect(translate('zh_HK', 'action.retry')).to.equal('重試');
    expect(translate('zh-CN', 'action.retry')).to.equal('重试');
    expect(translate('zh-SG', 'state.stale')).to.equal('更新中…');
    expect(translate('zh-TW', 'state.stale'), 'not the Simplified catalogue').to.equal('Updating…');
    // The region's own catalogue still comes first, and merchant overrides follow the same chain.
    registerCatalogue('zh-TW', { 'action.retry': '再試一次' });
    expect(translate('zh-TW', 'action.retry')).to.equal('再試一次');
    expect(translate('zh-HK', 'state.guest', {}, { 'zh-Hant': { 'state.guest': '登入以查看您的獎勵' }, zh: { 'state.guest': '登录' } })).to.equal('登入以查看您的獎勵');
    // zh still follows zh-Hant (README): a key zh-Hant lacks reads zh's, Simplified or not.
    registerCatalogue('zh', { 'action.retry': '重试', 'wallet.heading': '钱包' });
    expect(translate('zh-TW', 'wallet.heading')).to.equal('钱包');
    expect(translate('zh-TW', 'action.retry')).to.equal('再試一次');
  });

  it('applies merchant overrides by locale, language and "*", including plural forms', () => {
    const overrides = {
      '*': { 'state.guest': 'Join the club' },
      fr: { 'action.retry': 'Encore' },
      'en-AU': { 'points.count.one': '{formatted} pt', 'points.count.other': '{formatted} pts' },
    };
    expect(translate('en-AU', 'state.guest', {}, overrides)).to.equal('Join the club');
    expect(translate('fr-FR', 'action.retry', {}, overrides)).to.equal('Encore');
    expect(translate('en-AU', 'points.count', { count: 1, formatted: '1' }, overrides)).to.equal('1 pt');
    expect(translate('en-AU', 'points.count', { count: 3, formatted: '3' }, overrides)).to.equal('3 pts');
  });

  it('prefers the locale\'s own override to "*", and serves a plural form the override lacks with its `.other`', () => {
    const overrides = {
      '*': { 'action.retry': 'Try again now' },
      fr: { 'action.retry': 'Encore', 'points.count.one': '{formatted} pt', 'points.count.other': '{formatted} pts' },
    };
    expect(translate('fr-FR', 'action.retry', {}, overrides)).to.equal('Encore');
    expect(translate('en-AU', 'action.retry', {}, overrides)).to.equal('Try again now');
    // French has a "many" form (a million) that the merchant did not write: their `.other`, not our "de points".
    expect(translate('fr-FR', 'points.count', { count: 1_000_000, formatted: '1 000 000' }, overrides)).to.equal('1 000 000 pts');
  });

  it('takes an override of a plural message in the catalogue shape too ({one, other}), form by form', () => {
    // The shape registerCatalogue takes, and the one a merchant copies from a catalogue into `messages`.
    const overrides = {
      fr: { 'points.count': { one: '{formatted} pt', other: '{formatted} pts' } },
      ar: { 'points.count': { two: 'نقطتا مكافأة' } },
    };
    expect(translate('fr-FR', 'points.count', { count: 0, formatted: '0' }, overrides)).to.equal('0 pt');
    expect(translate('fr-FR', 'points.count', { count: 1_250, formatted: '1 250' }, overrides)).to.equal('1 250 pts');
    expect(translate('fr-FR', 'points.count', { count: 1_000_000, formatted: '1 000 000' }, overrides), 'many: the other form').to.equal('1 000 000 pts');
    expect(translate('ar', 'points.count', { count: 2, formatted: '2' }, overrides)).to.equal('نقطتا مكافأة');
    expect(translate('ar', 'points.count', { count: 5, formatted: '5' }, overrides), 'a form it lacks: the catalogue’s').to.equal('5 نقاط');
  });

  it('a JavaScript catalogue whose plural message lacks the form a count needs falls back, and does not throw', () => {
    // From the CDN global there are no types: `other` left out, or a value that is not text.
    registerCatalogue('de', { 'points.count': { one: '{formatted} Punkt' }, 'points.heading': null } as never);
    expect(translate('de-DE', 'points.count', { count: 1, formatted: '1' })).to.equal('1 Punkt');
    expect(translate('de-DE', 'points.count', { count: 5, formatted: '5' })).to.equal('5 points');
    expect(translate('de-DE', 'points.heading')).to.equal('Your points');
  });

  it('a key a language lacks falls back to English in English plural forms: "1 point" on a Japanese page, not "1 points"', () => {
    // Japanese, Chinese and Korean select only `other`, Portuguese `one` for 0: the English fallback needs its own rules.
    registerCatalogue('ja', { 'points.heading': 'ポイント' });
    expect(translate('ja-JP', 'points.count', { count: 1, formatted: '1' })).to.equal('1 point');
    expect(translate('ko-KR', 'points.count', { count: 1, formatted: '1' }), 'no catalogue at all').to.equal('1 point');
    expect(translate('pt-BR', 'points.count', { count: 0, formatted: '0' })).to.equal('0 points');
    // A catalogue's own plural forms still follow its language: Polish one, few, many.
    registerCatalogue('pl', { 'points.count': { one: '{formatted} punkt', few: '{formatted} punkty', many: '{formatted} punktów', other: '{formatted} punktu' } });
    const polish = (count: number) => translate('pl-PL', 'points.count', { count, formatted: String(count) });
    expect([1, 2, 5, 22, 25, 1.5].map(polish)).to.deep.equal(['1 punkt', '2 punkty', '5 punktów', '22 punkty', '25 punktów', '1.5 punktu']);
    registerCatalogue('ja', { 'points.count': { other: '{formatted}ポイント' } });
    expect(translate('ja-JP', 'points.count', { count: 1, formatted: '1' })).to.equal('1ポイント');
  });

  it('knows right-to-left languages, and scripts: pa-Arab is right to left, az-Latn and ur-Deva... left to right', () => {
    expect(directionOf('ar')).to.equal('rtl');
    expect(directionOf('he-IL')).to.equal('rtl');
    expect(directionOf('ar_EG')).to.equal('rtl');
    expect(directionOf('en-AU')).to.equal('ltr');
    expect(directionOf('pa-Arab-PK')).to.equal('rtl');
    expect(directionOf('az-Arab')).to.equal('rtl');
    expect(directionOf('pa-Guru-IN')).to.equal('ltr');
    expect(directionOf('sd-Deva')).to.equal('ltr');
    expect(directionOf('ar-Latn')).to.equal('ltr');
    expect(directionOf('fa-IR')).to.equal('rtl');
    // No script in the tag: the one the language is likely written in where the shopper is.
    expect(directionOf('pa-PK')).to.equal('rtl');
    expect(directionOf('pa-IN')).to.equal('ltr');
    expect(directionOf('sd-IN')).to.equal('ltr');
    expect(directionOf('sd')).to.equal('rtl');
    expect(['ur', 'yi', 'ps', 'ug', 'dv', 'ckb', 'ks'].map(directionOf)).to.deep.equal(Array(7).fill('rtl'));
    expect(['fr-CA', 'zh-TW', 'ja', 'ru', 'hi-IN'].map(directionOf)).to.deep.equal(Array(5).fill('ltr'));
  });

  // A valid tag can be long: private-use subtags (`-x-…`) have no limit, and one of 100 KB is a well-formed `locale`.
  // Every prefix of it was a candidate, quadratic: 6,000 subtags took 0.8 s and 100 MB, 20,000 about ten times that.
  it('looks a 100 KB tag up in linear time, under its whole self and its first subtags', () => {
    const privateUse = Array.from({ length: 20_000 }, (_, i) => `a${i.toString(36)}`).join('-');
    const tag = `ar-EG-x-${privateUse}`;
    expect(Intl.getCanonicalLocales(tag)[0]).to.equal(tag.toLowerCase().replace('-eg-', '-EG-'));
    const started = performance.now();
    expect(directionOf(tag)).to.equal('rtl');
    expect(translate(`fr-CA-x-${privateUse}`, 'action.retry', {}, { 'fr-CA': { 'action.retry': 'Réessayer' } })).to.equal('Réessayer');
    registerCatalogue(`pt-BR-x-${privateUse}`, { 'action.retry': 'Tentar (privado)' });
    expect(translate(`pt-BR-x-${privateUse}`, 'action.retry')).to.equal('Tentar (privado)');
    // About 20 ms here once linear; the bound is 50× that and far below the quadratic seconds.
    expect(performance.now() - started).to.be.below(1000);
  });

  it('reads a POSIX-style tag (fr_CA) in registerCatalogue and in the keys of `messages` as fr-CA', () => {
    registerCatalogue('pt_BR', { 'action.retry': 'Tentar de novo' });
    expect(translate('pt-BR', 'action.retry')).to.equal('Tentar de novo');
    expect(translate('pt-PT', 'action.retry'), 'another region of the language: English').to.equal('Retry');
    expect(translate('fr-CA', 'action.retry', {}, { fr_CA: { 'action.retry': 'Réessayer encore' } })).to.equal('Réessayer encore');
  });

  it('types the keys of `messages` for TypeScript users, so a typo does not compile', () => {
    // @ts-expect-error 'action.retyr' is not a message key (npm run typecheck fails if this line is accepted)
    const misspelt: Overrides = { en: { 'action.retyr': 'Again' } };
    const correct: Overrides = { en: { 'action.retry': 'Again', 'points.count.one': '{formatted} pt' } };
    expect(translate('en', 'action.retry', {}, misspelt)).to.equal('Retry');
    expect(translate('en', 'action.retry', {}, correct)).to.equal('Again');
  });
});
