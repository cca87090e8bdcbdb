/* bench-cli.c: `strata summary` against the start of a bare GLib program and Python's parse. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bench-common.h"
#include "strata-file.h"
#include "strata-summary.h"

extern char **environ;

/* What one program costs: the median wall time of its runs, the median
 * of the processor time they took (which other work on a busy machine
 * moves less), and the largest resident size any of them reached. */
typedef struct
{
  double ms;
  double cpu_ms;
  double max_rss_mib;
} Cost;

static double
timeval_ms (const struct timeval *time)
{
  return time->tv_sec * 1000.0 + time->tv_usec / 1000.0;
}

/* Runs @argv @rounds times, its output and messages thrown away, and returns its cost;
 * a run that fails stops the benchmark, as its figures would mean nothing. */
static Cost
run_program (const char * const *argv,
             guint               rounds)
{
  g_autofree double *samples = g_new (double, rounds);
  g_autofree double *cpu = g_new (double, rounds);
  Cost cost = { 0, 0, 0 };

  for (guint r = 0; r < rounds; r++)
    {
      posix_spawn_file_actions_t actions;
      struct rusage usage;
      gint64 start = g_get_monotonic_time ();
      pid_t pid;
      int status;

      posix_spawn_file_actions_init (&actions);
      posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
      posix_spawn_file_actions_addopen (&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
      if (posix_spawn (&pid, argv[0], &actions, NULL, (char **) argv, environ) != 0)
        g_error ("cannot run %s", argv[0]);
      posix_spawn_file_actions_destroy (&actions);
      if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) ||
          WEXITSTATUS (status) != 0)
        g_error ("%s failed", argv[0]);
      samples[r] = bench_elapsed_ms (start);
      cpu[r] = timeval_ms (&usage.ru_utime) + timeval_ms (&usage.ru_stime);
      cost.max_rss_mib = MAX (cost.max_rss_mib, usage.ru_maxrss / 1024.0);
    }
  cost.ms = bench_median (samples, rounds);
  cost.cpu_ms = bench_median (cpu, rounds);
  return cost;
}

/* Python's json.load of @path: the wall time of a process doing only
 * that, as `strata summary` is one, and of the parse alone, timed inside
 * Python. */
static Cost
run_python (const char *python,
            const char *path,
            guint       rounds,
            double     *parse_ms)
{
  static const char script[] =
    "import json, sys, time\n"
    "start = time.perf_counter()\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    json.load(f)\n"
    "sys.stderr.write('%f' % ((time.perf_counter() - start) * 1000))\n";
  const char *argv[] = { python, "-c", script, path, NULL };
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, NULL);
  *parse_ms = err != NULL && g_spawn_check_wait_status (status, NULL)
                ? g_ascii_strtod (err, NULL) : -1;
  return run_program (argv, rounds);
}

/* Runs @func in a child process and waits for it: the networks it makes
 * then never grow this process, whose size every program it starts
 * inherits as the first figure of its largest resident size. */
static void
in_child (void (*func) (gconstpointer data),
          gconstpointer data)
{
  pid_t pid = fork ();
  int status;

  if (pid == 0)
    {
      func (data);
      _exit (0);
    }
  if (pid < 0 || waitpid (pid, &status, 0) != pid || !WIFEXITED (status) ||
      WEXITSTATUS (status) != 0)
    g_error ("a child of the benchmark failed");
}

typedef struct
{
  const char *label;
  guint       n_layers; /* 0: a file of the examples */
  guint       rounds;
  char       *path;
  Cost        python;
  double      python_parse_ms;
  Cost        text;
  Cost        json;
} Case;

/* Repeating conv (3 × 3, "same") → batchnorm → relu → dropout, so every
 * layer keeps the input's size and has counts, saved to @path. */
static void
save_chain (gconstpointer data)
{
  const Case *c = data;
  guint n_layers = c->n_layers;
  const char *path = c->path;
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  static const StrataLayerKind cycle[] = {
    STRATA_LAYER_KIND_CONV2D, STRATA_LAYER_KIND_BATCHNORM,
    STRATA_LAYER_KIND_ACTIVATION, STRATA_LAYER_KIND_DROPOUT,
  };

  strata_network_set_input (network, 32, 32, 3);
  for (guint i = 0; i < n_layers; i++)
    {
      StrataLayer *layer = strata_layer_new (cycle[i % G_N_ELEMENTS (cycle)]);

      if (strata_layer_get_kind (layer) == STRATA_LAYER_KIND_CONV2D)
        g_object_set (layer, "filters", 16, "padding", STRATA_PADDING_SAME, NULL);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  strata_file_save (network, file, NULL, &error);
  g_assert_no_error (error);
}

/* Where the time of a summary goes, in processor time of this process:
 * json-glib's parse alone, the whole load, each summary, and freeing the
 * network. */
static void
print_in_process (gconstpointer data)
{
  const Case *c = data;
  const char *label = c->label, *path = c->path;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  double parse_ms, load_ms, text_ms, json_ms, free_ms;
  gsize length;
  double start;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  start = bench_thread_cpu_ms ();
  json_parser_load_from_data (parser, contents, length, &error);
  g_assert_no_error (error);
  parse_ms = bench_thread_cpu_ms () - start;

  start = bench_thread_cpu_ms ();
  network = strata_file_load (file, NULL, &error);
  g_assert_no_error (error);
  load_ms = bench_thread_cpu_ms () - start;
  start = bench_thread_cpu_ms ();
  text = strata_summary_to_string (network, STRATA_SUMMARY_TEXT);
  text_ms = bench_thread_cpu_ms () - start;
  start = bench_thread_cpu_ms ();
  json = strata_summary_to_string (network, STRATA_SUMMARY_JSON);
  json_ms = bench_thread_cpu_ms () - start;
  start = bench_thread_cpu_ms ();
  g_clear_object (&network);
  free_ms = bench_thread_cpu_ms () - start;

  g_print ("  in process, CPU, %s: json-glib parse %.1f ms, whole load %.1f ms, text summary %.1f ms, "
           "JSON summary %.1f ms, freeing %.1f ms\n", label, parse_ms, load_ms, text_ms, json_ms,
           free_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-XXXXXX", &error);
  g_autofree char *gio = g_find_program_in_path ("gio");
  const char *strata, *python;
  Case cases[] = {
    { "VGG-16", 0, 50 },
    { "1k layers", 1000, 30 },
    { "10k layers", 10000, 15 },
    { "100k layers", 100000, 5 },
  };
  Cost bare = { -1, -1, 0 };

  g_assert_no_error (error);
  if (argc != 4)
    {
      g_printerr ("usage: bench-cli STRATA VGG16.strata PYTHON3\n");
      return 2;
    }
  strata = argv[1];
  python = argv[3];
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Case *c = &cases[i];

      if (c->n_layers == 0)
        {
          c->path = g_strdup (argv[2]);
          continue;
        }
      c->path = g_strdup_printf ("%s/%u.strata", dir, c->n_layers);
      in_child (save_chain, c);
    }

  if (gio != NULL)
    {
      const char *gio_argv[] = { gio, "version", NULL };

      bare = run_program (gio_argv, 50);
      g_print ("bare GLib/GIO start (`gio version`): %.2f ms (CPU %.2f ms), %.1f MiB\n", bare.ms,
               bare.cpu_ms, bare.max_rss_mib);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Case *c = &cases[i];
      const char *text_argv[] = { strata, "summary", c->path, NULL };
      const char *json_argv[] = { strata, "summary", "--format", "json", c->path, NULL };

      c->python = run_python (python, c->path, c->rounds, &c->python_parse_ms);
      c->text = run_program (text_argv, c->rounds);
      c->json = run_program (json_argv, c->rounds);
      g_print ("%s: summary %.2f ms (CPU %.2f), %.1f MiB; --format json %.2f ms (CPU %.2f), "
               "%.1f MiB; python3 json.load %.2f ms (CPU %.2f), %.1f MiB, its parse alone %.2f ms\n",
               c->label, c->text.ms, c->text.cpu_ms, c->text.max_rss_mib, c->json.ms,
               c->json.cpu_ms, c->json.max_rss_mib, c->python.ms, c->python.cpu_ms,
               c->python.max_rss_mib, c->python_parse_ms);
      if (c->n_layers > 0)
        in_child (print_in_process, c);
    }

  /* The goals, as ratios of wall times, then of processor times: each
   * is met when it is at most the figure after "goal". */
  g_print ("ratios (wall, CPU):\n");
  if (bare.ms > 0)
    g_print ("  VGG-16 summary / bare start: %.2f, %.2f (goal 3)\n", cases[0].text.ms / bare.ms,
             cases[0].text.cpu_ms / bare.cpu_ms);
  for (guint i = 2; i < G_N_ELEMENTS (cases); i++)
    g_print ("  %s summary / python3 json.load: %.2f, %.2f (goal %s)\n", cases[i].label,
             cases[i].text.ms / cases[i].python.ms, cases[i].text.cpu_ms / cases[i].python.cpu_ms,
             i == 2 ? "1" : "1.5");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_print ("  %s JSON / text: %.2f, %.2f (goal 1.5)\n", cases[i].label,
             cases[i].json.ms / cases[i].text.ms, cases[i].json.cpu_ms / cases[i].text.cpu_ms);
  g_print ("  100k / 10k layers, text: %.1f, %.1f; JSON: %.1f, %.1f (goal 12)\n",
           cases[3].text.ms / cases[2].text.ms, cases[3].text.cpu_ms / cases[2].text.cpu_ms,
           cases[3].json.ms / cases[2].json.ms, cases[3].json.cpu_ms / cases[2].json.cpu_ms);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (cases[i].n_layers > 0)
        g_unlink (cases[i].path);
      g_free (cases[i].path);
    }
  g_rmdir (dir);
  return 0;
}
