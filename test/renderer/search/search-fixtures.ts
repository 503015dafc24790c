import type { Lang } from '../../../shared/languages.js';
import type { Contribution, TextVersion } from '../../../shared/model/entities.js';
import { applyPullPage } from '../../../renderer/db/apply-page.js';
import type { SeminarDb } from '../../../renderer/db/database.js';
import type { SearchFilters, SearchResponse } from '../../../renderer/search/protocol.js';
import { SearchService } from '../../../renderer/search/search-service.js';
import { SearchStore } from '../../../renderer/search/search-store.js';
import { contribution, fakeChangeServer, type ChangeBody } from '../sync/fake-change-server.js';

/**
 * One contribution written in French, machine-translated into the nine other
 * languages; each version holds a word found in no other version (the `only`
 * words), so a search for it can only match through that version.
 */
export const ONLY: Record<Lang, { text: string; only: string }> = {
  de: {
    text: 'Die Sorgfaltspflicht verlangt eine erreichbare Kontaktstelle und ein Verfahren für ausländische Warnungen.',
    only: 'Kontaktstelle',
  },
  en: {
    text: 'Due diligence requires a reachable point of contact and a takedown procedure for foreign warnings.',
    only: 'takedown',
  },
  ar: {
    text: 'تقتضي العِنايَةُ الواجِبَةُ أن تمنعَ الدَّوْلَةُ الهجماتِ من إقليمها وأن تُنشئ نقطة اتصال.',
    only: 'الدولة',
  },
  zh: {
    text: '审慎义务并不要求国家阻止从其领土发起的每一次攻击，而是要求国家采取合理可能的措施。',
    only: '领土',
  },
  ko: {
    text: '국가들은 사이버 공간의 상당한 주의 의무를 강화해야 한다. 연락창구를 마련해야 한다.',
    only: '연락창구',
  },
  es: {
    text: 'La diligencia debida exige un punto de contacto accesible y un procedimiento para las alertas extranjeras.',
    only: 'accesible',
  },
  fr: {
    text: "La régulation de la sécurité numérique exige une coopération transfrontalière et un point de contact joignable dans l'espace européen.",
    only: 'joignable',
  },
  it: {
    text: "La dovuta diligenza richiede un punto di contatto raggiungibile dell'Unione e una procedura per gli avvisi.",
    only: 'raggiungibile',
  },
  pt: {
    text: 'A devida diligência exige um ponto de contacto acessível e um procedimento para os alertas estrangeiros.',
    only: 'acessível',
  },
  ru: {
    text: 'Государства должны соблюдать должную осмотрительность в киберпространстве и создать её контактный пункт.',
    only: 'осмотрительность',
  },
};

export function multilingual(id: string, extra: Partial<Contribution> = {}): Contribution {
  const versions: TextVersion[] = (Object.keys(ONLY) as Lang[]).map((language) => ({
    language,
    text: ONLY[language].text,
    origin: language === 'fr' ? 'original' : 'machine',
    engine: language === 'fr' ? null : 'systran',
    sourceVersion: 1,
  }));
  return {
    ...contribution(id, 'legal-I-i', ONLY.fr.text, { language: 'fr' }),
    versions,
    ...extra,
  };
}

let counter = 0;

/**
 * A change server, the app's database it pulls into (with applyPullPage, as
 * the sync worker does), and a search service over both, in-process.
 */
export function searchWorld(db: SeminarDb, bodies: ChangeBody[] = []) {
  const server = fakeChangeServer(bodies);
  const storeName = `search-test-${Date.now()}-${++counter}`;
  let store = new SearchStore(storeName);
  let service = new SearchService({ db, store, saveDelayMs: 10, saveMaxDelayMs: 50 });
  let checkpoint = 0;
  const world = {
    server,
    /** The saved index's database, for a test to damage it. */
    storeName,
    get service() {
      return service;
    },
    /** Pulls every change not yet applied, as the sync does, page by page. */
    async pull(limit = 50) {
      for (;;) {
        const page = server.page(checkpoint, limit);
        const result = await applyPullPage(db, page);
        if (!result.applied) throw new Error(`page not applied: ${result.reason}`);
        checkpoint = page.checkpoint;
        if (!page.hasMore) return;
      }
    },
    /** Pulls, then lets the search service index and save what came. */
    async sync() {
      await world.pull();
      await service.flush();
    },
    async search(query: string, filters: SearchFilters = {}, uiLang: Lang = 'en'): Promise<SearchResponse> {
      return service.search({ query, filters, uiLang });
    },
    /** Stops the service and starts another on the same saved index: an app restart. */
    restart() {
      service.stop();
      store.close();
      store = new SearchStore(storeName);
      service = new SearchService({ db, store, saveDelayMs: 10, saveMaxDelayMs: 50 });
      return service;
    },
    stop() {
      service.stop();
      store.close();
    },
  };
  return world;
}

export const ids = (response: SearchResponse) => response.groups.map((group) => group.contributionId);
