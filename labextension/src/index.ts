/**
 * code2video-jupyter's JupyterLab extension:
 * - a command (palette, notebook toolbar button) that inserts a %%code2video cell with a
 *   template below the active cell, its flags taken from the settings (model, quality);
 * - a MIME renderer for the storyboard that the run's static summary carries, so a saved
 *   notebook shows it as a table without a kernel;
 * - a MIME renderer for the panel's "Insert as cell" requests: it inserts the section's code as
 *   a new cell below the active cell, once per request.
 */

import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, ToolbarButton } from '@jupyterlab/apputils';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel, INotebookTracker, NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';

import {
  buildTemplate,
  DEFAULT_SETTINGS,
  IInsertRequest,
  insertIdsOf,
  InsertOnce,
  ISettings,
  METADATA_KEY,
  normalizeSettings
} from './model';
import { ICellInserter, insertCellFactory, storyboardFactory } from './renderers';

const PLUGIN_ID = 'code2video-jupyter:plugin';
export const COMMAND_INSERT = 'code2video:insert-cell';
/** Below text/html (50): the storyboard table replaces the HTML summary where this extension runs. */
const STORYBOARD_RANK = 40;

function insertCode(panel: NotebookPanel, source: string, metadata?: { [key: string]: unknown }): void {
  const notebook = panel.content;
  if (notebook.widgets.length === 0 || !notebook.activeCell) {
    // an empty notebook: insertBelow needs an active cell
    panel.model?.sharedModel.insertCell(0, { cell_type: 'code', source });
    notebook.activeCellIndex = 0;
  } else {
    NotebookActions.insertBelow(notebook);
  }
  const cell = notebook.activeCell;
  if (!cell) {
    return;
  }
  if (cell.model.type !== 'code') {
    NotebookActions.changeCellType(notebook, 'code');
  }
  const active = notebook.activeCell ?? cell;
  active.model.sharedModel.setSource(source);
  if (metadata) {
    active.model.setMetadata(METADATA_KEY, metadata);
  }
  notebook.scrollToItem(notebook.activeCellIndex).catch(() => undefined);
}

class ToolbarExtension implements DocumentRegistry.IWidgetExtension<NotebookPanel, INotebookModel> {
  constructor(private app: JupyterFrontEnd) {}

  createNew(panel: NotebookPanel): IDisposable {
    const button = new ToolbarButton({
      className: 'jp-code2video-insert-button',
      label: '%%code2video',
      tooltip: 'Insert a %%code2video cell below the active cell',
      onClick: () => {
        void this.app.commands.execute(COMMAND_INSERT);
      }
    });
    button.node.dataset.command = COMMAND_INSERT;
    panel.toolbar.insertItem(10, 'code2video-insert', button);
    return new DisposableDelegate(() => button.dispose());
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Insert %%code2video cells, insert a section as a cell, render storyboards.',
  autoStart: true,
  requires: [INotebookTracker, IRenderMimeRegistry],
  optional: [ICommandPalette, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    let settings: ISettings = { ...DEFAULT_SETTINGS };
    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(s => {
          const update = () => {
            settings = normalizeSettings(s.composite as { [key: string]: unknown });
          };
          update();
          s.changed.connect(update);
        })
        .catch(reason => console.error('code2video: cannot load the settings', reason));
    }

    app.commands.addCommand(COMMAND_INSERT, {
      label: 'Insert a %%code2video cell',
      caption: 'Insert a %%code2video cell (a lesson outline template) below the active cell',
      isEnabled: () => tracker.currentWidget !== null,
      execute: () => {
        const panel = tracker.currentWidget;
        if (!panel) {
          return;
        }
        insertCode(panel, buildTemplate(settings));
        // edit mode, cursor in the new cell
        panel.content.mode = 'edit';
      }
    });
    palette?.addItem({ command: COMMAND_INSERT, category: 'code2video' });
    app.docRegistry.addWidgetExtension('Notebook', new ToolbarExtension(app));

    const notebookOf = (node: HTMLElement): NotebookPanel | null =>
      tracker.find(panel => panel.node.contains(node)) ?? tracker.currentWidget;

    const inserter: ICellInserter = {
      existingIds(node: HTMLElement): string[] {
        const panel = notebookOf(node);
        if (!panel?.model) {
          return [];
        }
        const metadata: unknown[] = [];
        for (let i = 0; i < panel.model.cells.length; i++) {
          metadata.push(panel.model.cells.get(i).metadata);
        }
        return insertIdsOf(metadata);
      },
      insert(node: HTMLElement, request: IInsertRequest): boolean {
        const panel = notebookOf(node);
        if (!panel) {
          return false;
        }
        // below the cell whose output asked (the panel's cell: the one just clicked)
        const asking = panel.content.widgets.findIndex(cell => cell.node.contains(node));
        if (asking >= 0) {
          panel.content.activeCellIndex = asking;
        }
        insertCode(panel, request.code, { insert_id: request.id });
        return true;
      }
    };
    const once = new InsertOnce();
    rendermime.addFactory(storyboardFactory(STORYBOARD_RANK), STORYBOARD_RANK);
    rendermime.addFactory(insertCellFactory(inserter, once), 0);
  }
};

export default plugin;
