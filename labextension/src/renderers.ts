/**
 * The two MIME renderers: the storyboard table (a saved notebook shows it without a kernel)
 * and the "insert this code as a cell" request the panel sends through a hidden output.
 * They build DOM with textContent only: no HTML from the payload is ever interpreted.
 */

import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

import {
  IInsertRequest,
  INSERT_CELL_MIME,
  InsertOnce,
  IStoryboardPayload,
  embeddedVideoFromHtml,
  parseInsertRequest,
  postersFromHtml,
  safeUrl,
  STORYBOARD_MIME,
  storyboardCaption,
  storyboardRows
} from './model';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** A relative link of the payload made usable in JupyterLab (the notebook's folder, /files/). */
async function resolveUrl(resolver: IRenderMime.IResolver | null | undefined, url: string): Promise<string> {
  if (!resolver || /^[a-z][a-z0-9+.-]*:/i.test(url)) {
    return url;
  }
  try {
    if (resolver.isLocal && !resolver.isLocal(url)) {
      return url;
    }
    const [path, query] = url.split('?', 2);
    const resolved = await resolver.resolveUrl(path);
    const download = await resolver.getDownloadUrl(resolved);
    return query ? download + (download.includes('?') ? '&' : '?') + query : download;
  } catch {
    return url;
  }
}

/** The storyboard of a run as a table: sections, their lecture lines and visuals, previews. */
export class StoryboardRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(private options: IRenderMime.IRendererOptions) {
    super();
    this.addClass('jp-code2video-storyboard');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const payload = model.data[STORYBOARD_MIME] as unknown as IStoryboardPayload;
    const node = this.node;
    node.textContent = '';
    if (!payload || typeof payload !== 'object' || !payload.storyboard) {
      node.appendChild(el('div', 'jp-code2video-note', 'code2video: this storyboard cannot be read'));
      return;
    }
    const resolver = this.options.resolver;
    node.appendChild(el('h3', 'jp-code2video-topic', payload.storyboard.topic || payload.run));
    node.appendChild(el('div', 'jp-code2video-caption', storyboardCaption(payload)));
    const html = model.data['text/html'];
    const finalUrl = embeddedVideoFromHtml(html) ?? safeUrl(payload.video);
    if (finalUrl) {
      const p = el('p', 'jp-code2video-final');
      const video = el('video');
      video.controls = true;
      video.preload = 'metadata';
      video.width = 640;
      video.src = await resolveUrl(resolver, finalUrl);
      p.appendChild(video);
      const linked = safeUrl(payload.video);
      if (linked) {
        const link = el('a', undefined, linked.split('?')[0].split('/').pop() || 'video');
        link.href = await resolveUrl(resolver, linked);
        link.target = '_blank';
        p.append(el('br'), link);
      }
      node.appendChild(p);
    }
    const posters = postersFromHtml(html);
    const table = el('table', 'jp-code2video-table');
    const head = el('tr');
    for (const h of ['#', 'section', 'lecture lines and visuals', 'preview', 'status']) {
      head.appendChild(el('th', undefined, h));
    }
    table.appendChild(el('thead')).appendChild(head);
    const body = el('tbody');
    for (const row of storyboardRows(payload)) {
      const tr = el('tr');
      tr.dataset.section = String(row.id);
      tr.appendChild(el('td', undefined, String(row.id)));
      tr.appendChild(el('td', 'jp-code2video-title')).appendChild(el('b', undefined, row.title));
      const lines = el('ol', 'jp-code2video-lines');
      for (const line of row.lines) {
        const li = el('li');
        li.appendChild(el('span', 'jp-code2video-line', line.text));
        if (line.narration) {
          li.appendChild(el('div', 'jp-code2video-narration', `“${line.narration}”`));
        }
        if (line.visuals.length) {
          const vs = el('ul', 'jp-code2video-visuals');
          for (const v of line.visuals) {
            vs.appendChild(el('li', undefined, v));
          }
          li.appendChild(vs);
        }
        lines.appendChild(li);
      }
      tr.appendChild(el('td')).appendChild(lines);
      const preview = el('td', 'jp-code2video-preview');
      const poster = posters.get(row.id);
      const sectionVideo = safeUrl(row.video);
      if (sectionVideo || poster) {
        const a = el('a');
        a.target = '_blank';
        if (sectionVideo) {
          a.href = await resolveUrl(resolver, sectionVideo);
        }
        if (poster) {
          const img = el('img');
          img.alt = `section ${row.id}`;
          img.width = 200;
          img.src = poster;
          a.appendChild(img);
        } else {
          a.textContent = row.placeholder ? 'placeholder card' : 'video';
        }
        preview.appendChild(a);
      }
      tr.appendChild(preview);
      tr.appendChild(el('td', 'jp-code2video-status', row.status));
      body.appendChild(tr);
    }
    table.appendChild(body);
    node.appendChild(table);
  }
}

/** Where an insert request lands: implemented by the plugin with the notebook tracker. */
export interface ICellInserter {
  /** The insert ids recorded in the cells of the notebook that shows `node`. */
  existingIds(node: HTMLElement): string[];
  /** Insert a code cell below that notebook's active cell; false if there is no notebook. */
  insert(node: HTMLElement, request: IInsertRequest): boolean;
}

/** Renders an insert request by acting on it (once per id) and saying what happened. */
export class InsertCellRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(
    private inserter: ICellInserter,
    private once: InsertOnce
  ) {
    super();
    this.addClass('jp-code2video-insert-note');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const request = parseInsertRequest(model.data[INSERT_CELL_MIME]);
    if (!request) {
      this.node.textContent = 'code2video: not a cell to insert';
      return;
    }
    // Let the output be attached, so that the notebook holding it can be found.
    await new Promise(resolve => setTimeout(resolve, 0));
    const what = request.label || 'the code';
    const decision = this.once.decide(request, this.inserter.existingIds(this.node), Date.now() / 1000);
    if (decision === 'insert') {
      const ok = this.inserter.insert(this.node, request);
      this.node.textContent = ok
        ? `code2video: inserted ${what} as a new cell`
        : 'code2video: no notebook to insert the cell into';
      this.node.dataset.inserted = ok ? request.id : '';
    } else {
      this.node.textContent = `code2video: ${what} was inserted already`;
    }
  }
}

export function storyboardFactory(rank: number): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [STORYBOARD_MIME],
    defaultRank: rank,
    createRenderer: options => new StoryboardRenderer(options)
  };
}

export function insertCellFactory(inserter: ICellInserter, once: InsertOnce): IRenderMime.IRendererFactory {
  return {
    // A trusted-only action: an untrusted notebook (someone else's) never inserts code.
    safe: false,
    mimeTypes: [INSERT_CELL_MIME],
    defaultRank: 0,
    createRenderer: () => new InsertCellRenderer(inserter, once)
  };
}
