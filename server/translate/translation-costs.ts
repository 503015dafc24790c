import type { Queryable } from '../db/database.js';

/**
 * What machine translation costs, from the characters counted in
 * translation_usage (translation-usage.ts) and the secretariat's prices.
 *
 * - Price per million characters, per provider: set with `admin translations
 *   price PROVIDER AMOUNT` (table translation_prices), else from
 *   TRANSLATOR_PRICE_PER_MILLION ("20" for every provider, or
 *   "deepl=20,systran=12"). A provider without a price costs nothing known:
 *   its characters are counted and shown, its cost is not.
 * - Budget, in the prices' currency, for everything counted since the start:
 *   `admin translations budget AMOUNT` (server_meta), else TRANSLATOR_BUDGET.
 *   At 80 % the secretariat is warned; at 100 % no new job is sent: jobs wait
 *   in the queue (they never fail for it) until the budget is raised.
 */
export const WARNING_SHARE = 0.8;

export interface CostDefaults {
  /** Price per million characters by provider; '*' for any provider without its own. */
  pricePerMillion: Record<string, number>;
  budget: number | null;
}

export function costDefaultsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): CostDefaults {
  const prices: Record<string, number> = {};
  const raw = env.TRANSLATOR_PRICE_PER_MILLION?.trim();
  if (raw) {
    for (const part of raw.split(',')) {
      const [name, value] = part.includes('=') ? part.split('=', 2) : ['*', part];
      const price = Number(value!.trim());
      if (!name!.trim() || value!.trim() === '' || !Number.isFinite(price) || price < 0)
        throw new Error(
          'TRANSLATOR_PRICE_PER_MILLION must be a price per million characters ("20") or prices by provider ("deepl=20,systran=12")',
        );
      prices[name!.trim().toLowerCase()] = price;
    }
  }
  const budgetRaw = env.TRANSLATOR_BUDGET?.trim();
  const budget = budgetRaw ? Number(budgetRaw) : null;
  if (budget !== null && (!Number.isFinite(budget) || budget < 0))
    throw new Error('TRANSLATOR_BUDGET must be an amount of money, 0 or more');
  return { pricePerMillion: prices, budget };
}

export type BudgetState = 'none' | 'ok' | 'warning' | 'exhausted';

export interface CostRow {
  day: string;
  provider: string;
  source: string;
  target: string;
  kind: string;
  chars: number;
  requests: number;
  /** null when the provider has no price. */
  cost: number | null;
}

export interface CostReport {
  since: string | null;
  rows: CostRow[];
  /** Per provider: characters, requests, cost, and its price (null: none set). */
  providers: {
    provider: string;
    chars: number;
    requests: number;
    cost: number | null;
    pricePerMillion: number | null;
  }[];
  total: { chars: number; requests: number; cost: number };
  budget: {
    amount: number | null;
    /** Everything counted so far (the budget covers it all, whatever `since` says). */
    spent: number;
    share: number | null;
    state: BudgetState;
  };
}

async function pricesOf(db: Queryable, defaults: CostDefaults): Promise<(provider: string) => number | null> {
  const rows = await db.query<{ provider: string; per_million: string | number }>(
    'SELECT provider, per_million FROM translation_prices',
  );
  const set = new Map(rows.map((r) => [r.provider, Number(r.per_million)]));
  return (provider) => set.get(provider) ?? defaults.pricePerMillion[provider] ?? defaults.pricePerMillion['*'] ?? null;
}

export async function budgetOf(db: Queryable, defaults: CostDefaults): Promise<number | null> {
  const [row] = await db.query<{ value: string }>(`SELECT value FROM server_meta WHERE key = 'translation-budget'`);
  return row ? Number(row.value) : defaults.budget;
}

const cost = (chars: number, price: number | null) => (price === null ? null : (chars * price) / 1_000_000);

/** Rounded to a ten-thousandth of the currency: sums of many small costs should not show float noise. */
const money = (n: number) => Math.round(n * 10_000) / 10_000;

function stateOf(spent: number, amount: number | null): BudgetState {
  if (amount === null) return 'none';
  if (spent >= amount) return 'exhausted';
  return spent >= amount * WARNING_SHARE ? 'warning' : 'ok';
}

export async function costReport(
  db: Queryable,
  defaults: CostDefaults,
  since: string | null = null,
): Promise<CostReport> {
  const price = await pricesOf(db, defaults);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, provider, source_language, target_language, kind, chars, requests
     FROM translation_usage ORDER BY day, provider, source_language, target_language, kind`,
  );
  const all: CostRow[] = rows.map((r) => {
    const chars = Number(r.chars);
    const provider = String(r.provider);
    const c = cost(chars, price(provider));
    return {
      day: String(r.day),
      provider,
      source: String(r.source_language),
      target: String(r.target_language),
      kind: String(r.kind),
      chars,
      requests: Number(r.requests),
      cost: c === null ? null : money(c),
    };
  });
  const spent = money(all.reduce((sum, r) => sum + (cost(r.chars, price(r.provider)) ?? 0), 0));
  const shown = since === null ? all : all.filter((r) => r.day >= since);
  const byProvider = new Map<string, { chars: number; requests: number }>();
  for (const r of shown) {
    const p = byProvider.get(r.provider) ?? { chars: 0, requests: 0 };
    p.chars += r.chars;
    p.requests += r.requests;
    byProvider.set(r.provider, p);
  }
  const providers = [...byProvider].map(([provider, p]) => {
    const c = cost(p.chars, price(provider));
    return { provider, ...p, cost: c === null ? null : money(c), pricePerMillion: price(provider) };
  });
  const amount = await budgetOf(db, defaults);
  return {
    since,
    rows: shown,
    providers,
    total: {
      chars: shown.reduce((n, r) => n + r.chars, 0),
      requests: shown.reduce((n, r) => n + r.requests, 0),
      cost: money(providers.reduce((n, p) => n + (p.cost ?? 0), 0)),
    },
    budget: {
      amount,
      spent,
      share: amount === null ? null : amount === 0 ? 1 : spent / amount,
      state: stateOf(spent, amount),
    },
  };
}

/** Whether new jobs may be sent: only the budget is asked (cheap: one small aggregate). */
export async function budgetState(db: Queryable, defaults: CostDefaults): Promise<BudgetState> {
  const amount = await budgetOf(db, defaults);
  if (amount === null) return 'none';
  const price = await pricesOf(db, defaults);
  const rows = await db.query<{ provider: string; chars: string | number }>(
    'SELECT provider, SUM(chars) AS chars FROM translation_usage GROUP BY provider',
  );
  const spent = rows.reduce((sum, r) => sum + (cost(Number(r.chars), price(r.provider)) ?? 0), 0);
  return stateOf(money(spent), amount);
}

export async function setPriceTx(db: Queryable, provider: string, perMillion: number): Promise<void> {
  await db.query(
    `INSERT INTO translation_prices (provider, per_million) VALUES ($1, $2)
     ON CONFLICT (provider) DO UPDATE SET per_million = $2, updated_at = now()`,
    [provider.toLowerCase(), perMillion],
  );
}

export async function setBudgetTx(db: Queryable, amount: number): Promise<void> {
  await db.query(
    `INSERT INTO server_meta (key, value) VALUES ('translation-budget', $1)
     ON CONFLICT (key) DO UPDATE SET value = $1`,
    [String(amount)],
  );
}
