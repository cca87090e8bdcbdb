/* strata-window-private.h: what the window's source files (and its tests) share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "strata-canvas.h"
#include "strata-history.h"
#include "strata-import.h"
#include "strata-layer-editor.h"
#include "strata-layer-row.h"
#include "strata-network.h"
#include "strata-settings.h"
#include "strata-totals-bar.h"
#include "strata-window.h"

G_BEGIN_DECLS

/* What to do once the user has agreed to lose (or saved) unsaved changes. */
typedef void (*StrataWindowContinuation) (StrataWindow *self,
                                          gpointer      data);
/* What to do with the input shape the user gave. */
typedef void (*StrataWindowShapeFunc)    (StrataWindow              *self,
                                          const StrataImportOptions *options,
                                          gpointer                   data);

struct _StrataWindow
{
  AdwApplicationWindow  parent_instance;

  /* The document. */
  StrataNetwork        *network;
  StrataHistory        *history;
  GFile                *file;
  char                 *example_id;
  GtkSingleSelection   *selection;
  gboolean              input_selected;
  /* The empty document a window starts with shows its selection and its
   * list's page of no layers only when the window is shown: a document
   * set before then, a file's, has pages of its own to show. */
  gboolean              starting;
  gboolean              document_unshown;
  /* The last layer added, when it was added last and so left without the
   * ReLU a hidden convolution or dense layer gets (weak). */
  StrataLayer          *output_layer;
  gboolean              close_confirmed;
  /* The draft kept while the document is unsaved (NULL until the first
   * one is written), the pending write, and whether the document came
   * from a draft, unsaved whatever its history says. */
  char                 *draft_id;
  guint                 draft_timeout_id;
  gboolean              recovered;
  /* The model an unsaved document was imported from, if any; the import
   * under way, and the input shape last given. */
  GFile                *imported_from;
  GCancellable         *import_cancellable;
  char                 *last_input_shape;
  StrataSettings       *settings;
  /* The row showing each layer in view (borrowed), the position to
   * scroll to once the rows are laid out, or -1, and whether its row then
   * takes the focus. */
  GHashTable           *bound_rows;
  int                   scroll_to;
  gboolean              scroll_laid_out;
  gboolean              focus_row;
  guint                 scroll_tick_id;
  /* The other end of a range of layers selected with Shift, or -1, and
   * whether the selection changes by extending the range. */
  int                   range_anchor;
  gboolean              extending;
  /* The list's context menu, made when first shown. */
  GtkPopover           *list_menu;
  /* The wait for the list to stop before its top row is made whole
   * (strata-window-list.c), whether that is moving it, whether a button
   * is held on the list (its scroll bar being dragged), where it last
   * stopped, and whether its rows changed height since. */
  guint                 list_snap_id;
  gboolean              list_snapping;
  gboolean              list_pressed;
  double                list_stopped_at;
  gboolean              list_rows_resized;
  /* The side panel's width when a drag of its edge began. */
  int                   sidebar_drag_width;

  /* The last message dialog shown (an error or a question), and the
   * last toast of an edit refused, for tests. */
  AdwMessageDialog     *message_dialog;
  AdwToast             *toast;

  /* Template widgets. */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkInfoBar           *progress_bar;
  GtkSpinner           *progress_spinner;
  GtkLabel             *progress_label;
  GtkInfoBar           *warnings_bar;
  GtkLabel             *warnings_label;
  AdwSplitButton       *open_button;
  GtkMenuButton        *add_menu_button;
  GtkMenuButton        *branch_menu_button;
  GtkMenuButton        *primary_menu_button;
  AdwFlap              *flap;
  AdwClamp             *sidebar_clamp;
  GtkWidget            *sidebar;
  GtkWidget            *sidebar_handle;
  GtkListBox           *input_list;
  GtkListBoxRow        *input_row;
  GtkLabel             *input_shape_label;
  GtkListView          *list_view;
  StrataLayerEditor    *editor;
  StrataCanvas         *canvas;
  GtkLabel             *zoom_label;
  StrataTotalsBar      *totals_bar;
  GtkWidget            *list_stack;
  GMenu                *primary_menu;
  GMenu                *open_menu;
  GMenu                *branch_menu;
  GMenu                *recent_section;
  /* Reads the recent files once the first frame is drawn. */
  guint                 recent_idle_id;
  /* The next step of a close under way (strata-window-close.c). */
  guint                 close_id;
};

/* Closing (strata-window-close.c): hides a window being closed and
 * destroys it in steps of the main loop, once GTK has no timeout of its
 * scrolled windows left to run, if it has one or a large network;
 * otherwise returns FALSE, to be destroyed at once. */
gboolean strata_window_close_later        (StrataWindow             *self);
void     strata_window_close_dispose      (StrataWindow             *self);

/* The layer list (strata-window-list.c): its rows, each bound to the
 * layer it shows while in view, scrolling to a row, and scrolling that
 * keeps the row at its top whole. */
void     strata_window_list_init_rows     (StrataWindow             *self);
/* The rows in view say again what their layers read. */
void     strata_window_list_update_row_links (StrataWindow          *self);
/* Scrolls to the row of @position, once the rows are laid out, if it is
 * not in view then; the row takes the focus if focus_row is set. */
void     strata_window_list_scroll_to_row (StrataWindow             *self,
                                           int                       position);
void     strata_window_list_init          (StrataWindow             *self);
void     strata_window_list_dispose       (StrataWindow             *self);
void     strata_window_list_rows_resized  (StrataWindow             *self);

/* The header bar's menus (strata-window-menus.c): the examples and the
 * kinds to branch with, each menu given to its button when it first
 * opens; the recent files are read in an idle the first frame schedules. */
void     strata_window_build_menus        (StrataWindow             *self);
gboolean strata_window_first_frame_cb     (GtkWidget                *widget,
                                           GdkFrameClock            *clock,
                                           gpointer                  data);

void     strata_window_class_actions_init (StrataWindowClass        *klass);
/* Groups (strata-window-groups.c): the range selected, from the
 * selection to the anchor (the selection alone without one); FALSE when
 * no layer is selected. */
gboolean strata_window_get_range          (StrataWindow             *self,
                                           guint                    *first,
                                           guint                    *last);
void     strata_window_class_groups_init  (StrataWindowClass        *klass);
/* Shift+Up, Shift+Down, Shift+click and the context menu in the list. */
void     strata_window_groups_init        (StrataWindow             *self);
void     strata_window_groups_dispose     (StrataWindow             *self);
/* The selection changed: the range with it, unless it was extended. */
void     strata_window_range_selection_changed (StrataWindow        *self);
/* Whether the layer selected is in a named group, which can be renamed. */
gboolean strata_window_selection_in_group (StrataWindow            *self);
/* Whether the range (or the layer selected) touches a run the user
 * ungrouped, which Group Automatically gives back to the drawing. */
gboolean strata_window_selection_in_ungrouped (StrataWindow       *self);
/* The network's groups changed: the rows in view show them. */
void     strata_window_groups_changed     (StrataWindow             *self);
/* Shows in @row, bound at @position, its group and whether it is in the range. */
void     strata_window_update_group_row   (StrataWindow             *self,
                                           StrataLayerRow           *row,
                                           guint                     position);
void     strata_window_update_actions     (StrataWindow             *self);
/* The window's shortcuts, which work wherever the focus is. */
void     strata_window_actions_init       (StrataWindow             *self);

/* The layer selected in the list, or -1 (the input or nothing). */
int      strata_window_get_selected       (StrataWindow             *self);
void     strata_window_select             (StrataWindow             *self,
                                           int                       position);
void     strata_window_select_input       (StrataWindow             *self);

/* Edits of layers as the user makes them (strata-window-edits.c), each
 * one step to undo, with the selection following. */
/* Adds a layer of @kind after the selection; a merge reads the layer
 * before it and that layer's own input. */
void     strata_window_add_layer          (StrataWindow             *self,
                                           StrataLayerKind           kind);
/* Adds a layer of @kind reading the selection (a layer or the input)
 * right after it; the layer that read the selection still does. */
void     strata_window_branch_layer       (StrataWindow             *self,
                                           StrataLayerKind           kind);
/* Copies the layer at @position after it, under a name no layer has. */
void     strata_window_duplicate_layer    (StrataWindow             *self,
                                           guint                     position);
void     strata_window_remove_layer       (StrataWindow             *self,
                                           guint                     position);
/* Moves a layer, or says in a toast why it cannot go there. */
gboolean strata_window_move_layer         (StrataWindow             *self,
                                           guint                     from,
                                           guint                     to);
/* Replaces the layer at @position by one of @kind keeping its name,
 * settings and links (see strata_layer_copy_as_kind()). */
void     strata_window_change_kind        (StrataWindow             *self,
                                           guint                     position,
                                           StrataLayerKind           kind);
void     strata_window_show_toast         (StrataWindow             *self,
                                           const char               *message);

/* Replaces the document; @file or @example_id says where it came from. */
void     strata_window_set_document       (StrataWindow             *self,
                                           StrataNetwork            *network,
                                           GFile                    *file,
                                           const char               *example_id);
/* The default render options for exports and copies: the user's preferences,
 * with rows broken where the canvas breaks them. */
void     strata_window_init_render_options (StrataWindow            *self,
                                            StrataRenderOptions     *options);

/* The document (strata-window-document.c): where it comes from, where it
 * is saved, its draft, and what happens to unsaved changes. */
/* Says in the title what the document is and whether it is saved. */
void     strata_window_update_title       (StrataWindow             *self);
/* Writes a draft once the edits pause, if the document is unsaved. */
void     strata_window_schedule_draft     (StrataWindow             *self);
/* The document is saved or given up: its draft goes. */
void     strata_window_delete_draft       (StrataWindow             *self);
/* Whether the window may close now (the document saved, unchanged or
 * given up); otherwise asks, and closes the window once answered. */
gboolean strata_window_close_document     (StrataWindow             *self);
gboolean strata_window_save_to            (StrataWindow             *self,
                                           GFile                    *file);
void     strata_window_show_error         (StrataWindow             *self,
                                           const char               *heading,
                                           const char               *body);
/* Runs @func now, or after asking about unsaved changes; @data is freed
 * with @destroy either way. */
void     strata_window_confirm_discard    (StrataWindow             *self,
                                           StrataWindowContinuation  func,
                                           gpointer                  data,
                                           GDestroyNotify            destroy);
/* Strata's networks, for the Open and Save dialogs. */
GtkFileFilter *strata_window_file_filter_new (void);
/* Asks for a file and saves; then runs @func as confirm_discard() does. */
void     strata_window_save_as            (StrataWindow             *self,
                                           StrataWindowContinuation  func,
                                           gpointer                  data,
                                           GDestroyNotify            destroy);
void     strata_window_rebuild_recent     (StrataWindow             *self);
void     strata_window_add_recent         (GFile                    *file);

/* Models of other programs (strata-window-import.c), read in a thread;
 * the window keeps drawing, and says what it is reading. */
void     strata_window_class_import_init  (StrataWindowClass        *klass);
void     strata_window_import_init        (StrataWindow             *self);
void     strata_window_import_dispose     (StrataWindow             *self);
/* The Open dialog's filters: every format, then each. */
void     strata_window_add_open_filters   (GtkFileChooser           *chooser);
/* Asks for an input shape, channels × height × width, checked as it is
 * typed; calls @func with it unless the user cancels. */
void     strata_window_ask_input_shape    (StrataWindow             *self,
                                           StrataWindowShapeFunc     func,
                                           gpointer                  data,
                                           GDestroyNotify            destroy);
/* The side panel (strata-window-sidebar.c): the action win.show-sidebar
 * (F9), folding into a flap in a narrow window, its width. */
void     strata_window_sidebar_init       (StrataWindow             *self);
int      strata_window_get_sidebar_width  (StrataWindow             *self);
void     strata_window_set_sidebar_width  (StrataWindow             *self,
                                           int                       width);

/* Prints the diagram (strata-window-print.c) as exports draw it, on one
 * page: with the print dialog (GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
 * which tells its own errors later), or to a PDF, @export_filename
 * (GTK_PRINT_OPERATION_ACTION_EXPORT). */
gboolean strata_window_print              (StrataWindow             *self,
                                           GtkPrintOperationAction   action,
                                           const char               *export_filename,
                                           GError                  **error);

/* How long after the last change a draft is written, for every window. */
void     strata_window_set_draft_delay    (guint                     milliseconds);

G_END_DECLS
