import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/model/entities.js';
import type { ReviewState } from '../../../shared/model/proceedings.js';
import { movesFrom } from '../../../shared/proceedings/review-rules.js';

/** The names of the moves, by where they go from and to. */
const MOVE_KEYS: Record<string, string> = {
  'draft>in-review': 'proceedings.move.submit',
  'in-review>draft': 'proceedings.move.withdraw',
  'in-review>approved': 'proceedings.move.approve',
  'approved>in-review': 'proceedings.move.reopen',
  'approved>published': 'proceedings.move.publish',
  'published>draft': 'proceedings.move.nextEdition',
};

export function StateBadge({ state, testId }: { state: ReviewState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`review-state review-state-${state}`} data-testid={testId} data-state={state}>
      {t(`proceedings.state.${state}`)}
    </span>
  );
}

/** The moves the user's roles allow from this state (shared/proceedings/review-rules.ts), as buttons. */
export function MoveButtons({
  roles,
  whole,
  from,
  blocked,
  onMove,
  testId,
}: {
  roles: readonly Role[];
  whole: boolean;
  from: ReviewState;
  /** Moves shown but not possible yet, with why (the whole waits for its syntheses). */
  blocked?: Partial<Record<ReviewState, string>>;
  onMove(to: ReviewState): void;
  testId: string;
}) {
  const { t } = useTranslation();
  const moves = movesFrom(roles, whole, from);
  if (moves.length === 0) return null;
  return (
    <span className="review-moves">
      {moves.map((to) => (
        <button
          key={to}
          type="button"
          data-testid={`${testId}-${to}`}
          disabled={!!blocked?.[to]}
          title={blocked?.[to]}
          onClick={() => onMove(to)}
        >
          {t(MOVE_KEYS[`${from}>${to}`]!)}
        </button>
      ))}
    </span>
  );
}
