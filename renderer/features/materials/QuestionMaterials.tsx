import { FileText, Film, Image } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../shared/languages.js';
import type { MaterialId } from '../../../shared/model/material.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { useRoute } from '../../app/routes.js';
import { formatBytes } from '../../i18n/format.js';
import { setKeepOffline } from '../../materials/download-queue.js';
import { useMaterialDownloads } from '../../materials/use-material-downloads.js';
import { MaterialStatus } from './MaterialStatus.js';
import { PdfReader } from './PdfReader.js';
import { VideoPlayer } from './VideoPlayer.js';
import { useMaterials } from './use-materials.js';
import './materials.css';

export const materialKind = (mediaType: string) =>
  mediaType === 'application/pdf' ? 'pdf' : mediaType.startsWith('video/') ? 'video' : 'image';

const ICONS = { pdf: FileText, video: Film, image: Image } as const;

/** A question's briefing materials: what each is, whether it is on this device, and the "keep offline" switch. */
export function QuestionMaterials({ questionId }: { questionId: string }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const lang = useUiLang();
  const queue = useMaterialDownloads();
  const items = useMaterials(db, questionId);
  const route = useRoute();
  // A search hit names the material and where in it to open (routes.ts).
  const routed = route.name === 'question' ? route.material : undefined;
  const routeKey = routed ? `${routed.id}:${routed.page}:${routed.time}` : '';
  // The user's choice holds until the address names another place to open.
  const [choice, setChoice] = useState<{ routeKey: string; id: string | null } | null>(null);
  const reading = choice?.routeKey === routeKey ? choice.id : (routed?.id ?? null);
  const setReading = (id: string | null) => setChoice({ routeKey, id });
  if (!items?.length) return null;
  const open = items.find((item) => item.material.id === reading && item.file?.status === 'done');
  return (
    <section className="question-materials" aria-labelledby="materials-title" data-testid="question-materials">
      <h3 id="materials-title">{t('materials.title')}</h3>
      <ul>
        {items.map(({ material, file }) => {
          const kind = materialKind(material.mediaType);
          const Icon = ICONS[kind];
          const title = pickLocalized(material.title, lang);
          const description = pickLocalized(material.description, lang);
          return (
            <li key={material.id} data-testid={`material-${material.id}`}>
              <Icon aria-hidden="true" size={18} />
              <div className="material-body">
                <span className="material-title" lang={title?.lang} dir="auto">
                  {title?.text ?? material.id}
                </span>
                <span className="meta">
                  {t(`materials.kind.${kind}`)} · {formatBytes(lang, material.size)}
                </span>
                {description ? (
                  <span className="material-description" lang={description.lang} dir="auto">
                    {description.text}
                  </span>
                ) : null}
                <MaterialStatus file={file} size={material.size} />
              </div>
              {(kind === 'pdf' || kind === 'video') && file?.status === 'done' ? (
                <button
                  type="button"
                  data-testid={`read-${material.id}`}
                  aria-pressed={reading === material.id}
                  onClick={() => setReading(reading === material.id ? null : material.id)}
                >
                  {reading === material.id
                    ? t('materials.close')
                    : t(kind === 'pdf' ? 'materials.read' : 'materials.video.watch')}
                </button>
              ) : null}
              <label className="material-keep">
                <input
                  type="checkbox"
                  checked={file?.keep ?? true}
                  disabled={!file}
                  onChange={(event) =>
                    void setKeepOffline(db, material.id as MaterialId, event.target.checked).then(() => queue?.wake())
                  }
                />{' '}
                {t('materials.keepOffline')}
              </label>
            </li>
          );
        })}
      </ul>
      {open && materialKind(open.material.mediaType) === 'pdf' ? (
        <PdfReader
          key={open.material.id}
          material={open.material}
          page={routed?.id === open.material.id ? routed.page : undefined}
        />
      ) : null}
      {open && materialKind(open.material.mediaType) === 'video' ? (
        <VideoPlayer
          key={open.material.id}
          material={open.material}
          time={routed?.id === open.material.id ? routed.time : undefined}
        />
      ) : null}
    </section>
  );
}
