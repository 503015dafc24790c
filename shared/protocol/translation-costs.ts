import { z } from 'zod';

/**
 * GET /api/translations/status (any participant): whether new machine
 * translations wait, and why, for the app to say so where it shows
 * "awaiting translation". GET /api/translations/cost (secretariat): what
 * was sent to providers, and what it cost (server/translate/translation-costs.ts).
 */
export const translationStatusSchema = z.strictObject({ waiting: z.enum(['budget']).nullable() });
export type TranslationStatus = z.infer<typeof translationStatusSchema>;

const amount = z.number().min(0);
export const costReportSchema = z.strictObject({
  since: z.string().nullable(),
  rows: z.array(
    z.strictObject({
      day: z.string(),
      provider: z.string(),
      source: z.string(),
      target: z.string(),
      kind: z.string(),
      chars: z.number().int().min(0),
      requests: z.number().int().min(0),
      cost: amount.nullable(),
    }),
  ),
  providers: z.array(
    z.strictObject({
      provider: z.string(),
      chars: z.number().int().min(0),
      requests: z.number().int().min(0),
      cost: amount.nullable(),
      pricePerMillion: amount.nullable(),
    }),
  ),
  total: z.strictObject({ chars: z.number().int().min(0), requests: z.number().int().min(0), cost: amount }),
  budget: z.strictObject({
    amount: amount.nullable(),
    spent: amount,
    share: z.number().min(0).nullable(),
    state: z.enum(['none', 'ok', 'warning', 'exhausted']),
  }),
});
export type CostReport = z.infer<typeof costReportSchema>;
