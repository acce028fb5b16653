/**
 * The logic of the extension, free of JupyterLab and of the DOM so that node's test runner can
 * test it: the %%code2video cell template built from the settings, the storyboard table built
 * from the kernel's MIME payload, and the "insert a cell once per request" bookkeeping.
 */

/** The MIME type of the storyboard the static summary carries (code2video_jupyter/notebook/frontend.py). */
export const STORYBOARD_MIME = 'application/vnd.code2video.storyboard+json';
/** The MIME type the panel's "Insert as cell" button displays into a hidden output. */
export const INSERT_CELL_MIME = 'application/vnd.code2video.insert-cell+json';
/** The cell metadata key under which an inserted cell records the request it came from. */
export const METADATA_KEY = 'code2video';
/** Requests older than this (seconds) are not acted upon: a notebook reopened with saved widget state. */
export const INSERT_MAX_AGE = 600;

export const QUALITIES = ['l', 'm', 'h', 'k'] as const;
export type Quality = (typeof QUALITIES)[number];

/** The extension's settings (schema/plugin.json). */
export interface ISettings {
  model: string;
  quality: Quality;
}

export const DEFAULT_SETTINGS: ISettings = { model: '', quality: 'l' };

/** Settings as read from the registry (anything may be missing or of the wrong type). */
export function normalizeSettings(raw: { [key: string]: unknown } | null | undefined): ISettings {
  const model = typeof raw?.model === 'string' ? raw.model.trim() : DEFAULT_SETTINGS.model;
  const q = raw?.quality;
  const quality = (QUALITIES as readonly unknown[]).includes(q) ? (q as Quality) : DEFAULT_SETTINGS.quality;
  return { model, quality };
}

/** Quote one word the way Python's shlex.split (which the magic uses) reads it back. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) {
    return word;
  }
  return "'" + word.replace(/'/g, "'\"'\"'") + "'";
}

/** The first line of the cell: the magic with the settings as flags (the magic reads them). */
export function magicLine(settings: ISettings): string {
  const flags = ['%%code2video', '-q', settings.quality];
  if (settings.model) {
    flags.push('--model', shellQuote(settings.model));
  }
  return flags.join(' ');
}

/**
 * A %%code2video cell that runs as it is (offline: a valid lesson outline), with the hints
 * kept in the section's summary paragraph: the lesson format has no comment syntax, and a
 * summary is kept in the storyboard but never shown on screen.
 */
export function buildTemplate(settings: ISettings): string {
  const hint = settings.model
    ? `Or replace this outline with a bare topic: ${settings.model} then plans the lesson.`
    : 'Or replace this outline with a bare topic (that needs a model: Settings > code2video).';
  return [
    magicLine(settings),
    '# The title of your lesson',
    '',
    '## A first section',
    "Hints (this paragraph is the section's summary: kept in the storyboard, never shown):",
    'one `## ` heading per section, one `- ` item per line shown on screen, and a fenced block',
    'under an item for what the canvas shows with it (equation, plot, number_line, shape,',
    'vector, table, image, code, highlight, transform; see docs/lesson-format.md).',
    hint,
    '- A lecture line, shown on screen',
    '  ```equation',
    '  a^2 + b^2 = c^2',
    '  ```',
    '- The next lecture line',
    ''
  ].join('\n');
}

// --- the storyboard ------------------------------------------------------------------------

/** One visual of the storyboard (storyboard.json); only `kind` is certain. */
export interface IVisual {
  kind: string;
  id?: string | null;
  at?: string | null;
  [key: string]: unknown;
}

export interface ILectureLine {
  text: string;
  narration?: string | null;
  visuals?: IVisual[];
}

export interface IStoryboardSection {
  id: number;
  title: string;
  lecture_lines?: ILectureLine[];
  summary?: string | null;
}

export interface ISectionInfo {
  status?: string;
  video?: string | null;
  placeholder?: boolean;
}

/** What code2video_jupyter/notebook/frontend.py:storyboard_payload sends. */
export interface IStoryboardPayload {
  version: number;
  run: string;
  folder: string;
  status: string;
  quality: string;
  duration?: number | null;
  video?: string | null;
  storyboard: {
    topic: string;
    audience?: string;
    language?: string;
    sections: IStoryboardSection[];
  };
  sections?: { [id: string]: ISectionInfo };
}

export interface ILineRow {
  text: string;
  narration: string | null;
  visuals: string[];
}

export interface ISectionRow {
  id: number;
  title: string;
  lines: ILineRow[];
  status: string;
  video: string | null;
  placeholder: boolean;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);
}

function short(text: string, max = 80): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

function pair(v: unknown): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : str(v);
}

/** A visual as one readable line: its kind and what it shows, then its id and place. */
export function describeVisual(v: IVisual): string {
  let what: string;
  switch (v.kind) {
    case 'equation':
      what = str(v.latex);
      break;
    case 'plot': {
      const fns = Array.isArray(v.functions) ? v.functions : [];
      what = fns.map(f => str((f as { expr?: unknown })?.expr)).join(', ');
      if (v.x_range) {
        what += ` on x in ${pair(v.x_range)}`;
      }
      break;
    }
    case 'number_line':
      what = v.range ? `from ${pair(v.range)}` : '';
      break;
    case 'shape': {
      const shapes = Array.isArray(v.shapes) ? v.shapes : [];
      what = shapes.map(s => str((s as { shape?: unknown })?.shape)).join(', ');
      break;
    }
    case 'vector': {
      const vs = Array.isArray(v.vectors) ? v.vectors : [];
      what = vs.map(x => pair((x as { to?: unknown })?.to)).join(', ');
      break;
    }
    case 'table':
    case 'matrix': {
      const rows = Array.isArray(v.rows) ? v.rows : [];
      const cols = rows.length && Array.isArray(rows[0]) ? rows[0].length : 0;
      what = `${rows.length}x${cols}`;
      break;
    }
    case 'image':
      what = str(v.caption) || str(v.path);
      break;
    case 'code':
      what = `${str(v.language) || 'code'}, ${str(v.code).split('\n').length} lines`;
      break;
    case 'text':
      what = str(v.text);
      break;
    case 'transform':
      what = `${str(v.target)} into ${str(v.to)}`;
      break;
    case 'highlight':
      what = `${str(v.target)}${v.style ? ` (${str(v.style)})` : ''}`;
      break;
    default:
      what = '';
  }
  const parts = [`${str(v.kind).replace('_', ' ')}${what ? ': ' + short(what) : ''}`];
  if (v.id) {
    parts.push(`#${v.id}`);
  }
  if (v.at) {
    parts.push(`at ${v.at}`);
  }
  return parts.join(' ');
}

/** The rows of the storyboard table: one per section, in the storyboard's order. */
export function storyboardRows(payload: IStoryboardPayload): ISectionRow[] {
  const sections = Array.isArray(payload?.storyboard?.sections) ? payload.storyboard.sections : [];
  const info = payload?.sections ?? {};
  return sections.map(sec => {
    const extra = info[String(sec.id)] ?? {};
    const lines = (Array.isArray(sec.lecture_lines) ? sec.lecture_lines : []).map(line => ({
      text: str(line.text),
      narration: line.narration && line.narration !== line.text ? str(line.narration) : null,
      visuals: (Array.isArray(line.visuals) ? line.visuals : []).map(describeVisual)
    }));
    return {
      id: Number(sec.id),
      title: str(sec.title),
      lines,
      status: extra.status ?? 'pending',
      video: extra.video ?? null,
      placeholder: Boolean(extra.placeholder)
    };
  });
}

/** The header line under the title: run folder, status, quality, length. */
export function storyboardCaption(payload: IStoryboardPayload): string {
  const parts = [`run ${payload.folder || payload.run}`, payload.status, `quality ${payload.quality}`];
  if (typeof payload.duration === 'number' && payload.duration > 0) {
    parts.push(`${payload.duration.toFixed(1)} s`);
  }
  const sb = payload.storyboard;
  if (sb?.audience && sb.audience !== 'general') {
    parts.push(`for ${sb.audience}`);
  }
  return parts.filter(Boolean).join(' · ');
}

/**
 * The PNG posters the HTML summary of the same output already holds (inline, as
 * `<img alt="section N" src="data:image/png;base64,...">`), by section id: the storyboard
 * table shows them without storing the pictures twice in the notebook.
 */
export function postersFromHtml(html: unknown): Map<number, string> {
  const out = new Map<number, string>();
  if (typeof html !== 'string') {
    return out;
  }
  const img = /<img\b[^>]*>/gi;
  let m: RegExpExecArray | null;
  while ((m = img.exec(html)) !== null) {
    const alt = /\balt="section (\d+)"/.exec(m[0]);
    const src = /\bsrc="(data:image\/png;base64,[A-Za-z0-9+/=]+)"/.exec(m[0]);
    if (alt && src) {
      out.set(Number(alt[1]), src[1]);
    }
  }
  return out;
}

/**
 * A link from the payload, if it is one the page may follow: a relative path (the run folder),
 * http(s), or an inline PNG or video. Anything else (javascript:, file:, ...) is dropped: an
 * untrusted notebook is rendered too.
 */
export function safeUrl(url: unknown): string | null {
  if (typeof url !== 'string' || !url.trim()) {
    return null;
  }
  const u = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u);
  if (!scheme) {
    return u.startsWith('//') ? null : u;
  }
  const s = scheme[1].toLowerCase();
  if (s === 'http' || s === 'https') {
    return u;
  }
  if (/^data:(image\/png|video\/mp4|video\/webm);base64,[A-Za-z0-9+/=]+$/.test(u)) {
    return u;
  }
  return null;
}

/** The final video embedded in the HTML summary (``--embed``), if it is: a data: URL. */
export function embeddedVideoFromHtml(html: unknown): string | null {
  if (typeof html !== 'string') {
    return null;
  }
  const m = /<video\b[^>]*\bsrc="(data:video\/(?:mp4|webm);base64,[A-Za-z0-9+/=]+)"/i.exec(html);
  return m ? m[1] : null;
}

// --- inserting cells ------------------------------------------------------------------------

export interface IInsertRequest {
  code: string;
  id: string;
  label?: string;
  created?: number;
}

/** The request, if the payload is one (a code string and a non-empty id). */
export function parseInsertRequest(data: unknown): IInsertRequest | null {
  if (!data || typeof data !== 'object') {
    return null;
  }
  const d = data as { [key: string]: unknown };
  if (typeof d.code !== 'string' || typeof d.id !== 'string' || !d.id) {
    return null;
  }
  return {
    code: d.code,
    id: d.id,
    label: typeof d.label === 'string' ? d.label : undefined,
    created: typeof d.created === 'number' ? d.created : undefined
  };
}

export type InsertDecision = 'insert' | 'duplicate' | 'stale';

/**
 * Each request inserts at most one cell: an output is rendered again when a notebook is
 * reloaded, re-rendered or shown in a second view, and none of that may insert the code twice.
 * A request is a duplicate if this session has seen its id or a cell of the notebook records
 * it; it is stale if it is older than INSERT_MAX_AGE seconds (saved widget state).
 */
export class InsertOnce {
  private seen = new Set<string>();

  decide(request: IInsertRequest, notebookIds: Iterable<string>, nowSeconds: number): InsertDecision {
    if (this.seen.has(request.id)) {
      return 'duplicate';
    }
    for (const id of notebookIds) {
      if (id === request.id) {
        this.seen.add(request.id);
        return 'duplicate';
      }
    }
    if (request.created !== undefined && nowSeconds - request.created > INSERT_MAX_AGE) {
      return 'stale';
    }
    this.seen.add(request.id);
    return 'insert';
  }
}

/** The insert ids recorded in cells' metadata (`{"code2video": {"insert_id": ...}}`). */
export function insertIdsOf(metadata: Iterable<unknown>): string[] {
  const ids: string[] = [];
  for (const m of metadata) {
    const entry = (m as { [key: string]: unknown } | null)?.[METADATA_KEY];
    const id = (entry as { insert_id?: unknown } | undefined)?.insert_id;
    if (typeof id === 'string') {
      ids.push(id);
    }
  }
  return ids;
}
