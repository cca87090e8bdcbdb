/* strata-import-torch-parse.c: the text of print(model) as a tree of modules; their arguments. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-import.h"
#include "strata-import-torch-private.h"

/* What PyTorch's Module.__repr__ writes: "Type(args)" on one line for a
 * module without children, else "Type(" then one "(key): child" line
 * each, indented, and ")" on a line of its own. Lines of a custom
 * extra_repr() may come before the children. Indentation is not trusted
 * (text pasted from a notebook is often reindented): the structure is
 * read from the parentheses and the line breaks alone. */

typedef struct
{
  const char *data;
  gsize       length;
  const char *file;
  gsize       pos;
  guint       line;
  gsize       line_start;
  guint       n_modules;
} Parser;

static TorchPlace
place_at (const char *data,
          gsize       line_start,
          guint       line,
          gsize       offset)
{
  /* Columns count characters, as editors do, not bytes. */
  return (TorchPlace) { line, (guint) g_utf8_strlen (data + line_start, offset - line_start) + 1 };
}

G_GNUC_PRINTF (5, 6)
static void
fail_at (GError           **error,
         int                code,
         const char        *file,
         const TorchPlace  *place,
         const char        *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, STRATA_IMPORT_ERROR, code, _("“%s”, line %u, column %u: %s"), file,
               place->line, place->column, message);
}

static TorchPlace
here (Parser *p)
{
  return place_at (p->data, p->line_start, p->line, p->pos);
}

void
torch_module_free (TorchModule *module)
{
  if (module == NULL)
    return;
  g_free (module->key);
  g_free (module->path);
  g_free (module->type);
  /* Nesting is bounded by TORCH_MAX_DEPTH, so this recursion is too. */
  g_clear_pointer (&module->children, g_ptr_array_unref);
  g_free (module);
}

static void
skip_blanks (Parser *p)
{
  while (p->pos < p->length &&
         (p->data[p->pos] == ' ' || p->data[p->pos] == '\t' || p->data[p->pos] == '\r'))
    p->pos++;
}

static gboolean
at_line_end (Parser *p)
{
  skip_blanks (p);
  return p->pos == p->length || p->data[p->pos] == '\n';
}

static void
next_line (Parser *p)
{
  if (p->pos < p->length && p->data[p->pos] == '\n')
    {
      p->pos++;
      p->line++;
      p->line_start = p->pos;
    }
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Skips from an opening bracket at p->pos to just past its closing one
 * on the same line, over quoted strings. */
static gboolean
skip_balanced (Parser  *p,
               GError **error)
{
  TorchPlace open = here (p);
  guint depth = 0;

  while (p->pos < p->length && p->data[p->pos] != '\n')
    {
      char c = p->data[p->pos++];

      if (c == '(' || c == '[' || c == '{')
        depth++;
      else if (c == ')' || c == ']' || c == '}')
        {
          if (--depth == 0)
            return TRUE;
        }
      else if (c == '\'' || c == '"')
        {
          while (p->pos < p->length && p->data[p->pos] != '\n' && p->data[p->pos] != c)
            {
              /* An escaped character, but never the line break. */
              if (p->data[p->pos] == '\\' && p->pos + 1 < p->length &&
                  p->data[p->pos + 1] != '\n')
                p->pos++;
              p->pos++;
            }
          if (p->pos >= p->length || p->data[p->pos] != c)
            break;
          p->pos++;
        }
    }
  fail_at (error, STRATA_IMPORT_ERROR_INVALID, p->file, &open, "%s",
           _("this parenthesis is not closed on its line"));
  return FALSE;
}

static char *
join_path (const char *parent_path,
           const char *key)
{
  if (parent_path[0] == '\0')
    return g_strdup (key);
  return g_strconcat (parent_path, ".", key, NULL);
}

/* A copy of @module as the child @key of @parent_path. */
static TorchModule *
copy_module (const TorchModule *module,
             const char        *key,
             const char        *parent_path)
{
  TorchModule *copy = g_memdup2 (module, sizeof *module);

  copy->key = g_strdup (key);
  copy->path = join_path (parent_path, key);
  copy->type = g_strdup (module->type);
  if (module->children != NULL)
    {
      copy->children = g_ptr_array_new_full (module->children->len,
                                             (GDestroyNotify) torch_module_free);
      /* As deep as the original, which the parser bounded. */
      for (guint i = 0; i < module->children->len; i++)
        {
          const TorchModule *child = g_ptr_array_index (module->children, i);

          g_ptr_array_add (copy->children, copy_module (child, child->key, copy->path));
        }
    }
  return copy;
}

/* PyTorch 2's ModuleList prints a run of equal modules once, as
 * "(first-last): count x Module(…)": @key is "first-last" and the text
 * goes on with "count x ". */
static gboolean
read_repeat (Parser     *p,
             const char *key,
             guint64    *first,
             guint64    *count)
{
  g_auto(GStrv) ends = g_strsplit (key, "-", 3);
  guint64 last, n;
  gsize start = p->pos;
  gsize end = start;
  g_autofree char *digits = NULL;

  if (g_strv_length (ends) != 2 ||
      !g_ascii_string_to_unsigned (ends[0], 10, 0, TORCH_MAX_MODULES, first, NULL) ||
      !g_ascii_string_to_unsigned (ends[1], 10, 0, TORCH_MAX_MODULES, &last, NULL) ||
      last <= *first)
    return FALSE;
  while (end < p->length && g_ascii_isdigit (p->data[end]))
    end++;
  digits = g_strndup (p->data + start, end - start);
  if (!g_ascii_string_to_unsigned (digits, 10, 2, TORCH_MAX_MODULES, &n, NULL) ||
      n != last - *first + 1 || end + 3 > p->length || memcmp (p->data + end, " x ", 3) != 0)
    return FALSE;
  *count = n;
  p->pos = end + 3;
  return TRUE;
}

static TorchModule *parse_module (Parser      *p,
                                  const char  *key,
                                  const char  *parent_path,
                                  guint        depth,
                                  GError     **error);

/* A "(key): " at p->pos, or FALSE without moving. */
static gboolean
read_key (Parser  *p,
          char   **key)
{
  gsize start = p->pos + 1;
  gsize end = start;

  if (p->pos >= p->length || p->data[p->pos] != '(')
    return FALSE;
  while (end < p->length && p->data[end] != ')' && p->data[end] != '(' &&
         !g_ascii_isspace (p->data[end]))
    end++;
  if (end == start || end + 1 >= p->length || p->data[end] != ')' || p->data[end + 1] != ':')
    return FALSE;
  *key = g_strndup (p->data + start, end - start);
  p->pos = end + 2;
  skip_blanks (p);
  return TRUE;
}

static gboolean
parse_children (Parser       *p,
                TorchModule  *module,
                TorchPlace   *open,
                guint         depth,
                GError      **error)
{
  module->children = g_ptr_array_new_with_free_func ((GDestroyNotify) torch_module_free);
  next_line (p);
  for (;;)
    {
      g_autofree char *key = NULL;
      TorchModule *child;

      skip_blanks (p);
      if (p->pos == p->length)
        {
          fail_at (error, STRATA_IMPORT_ERROR_INVALID, p->file, open,
                   _("“%s(” is never closed by a “)”"), module->type);
          return FALSE;
        }
      if (p->data[p->pos] == '\n')
        {
          next_line (p);
          continue;
        }
      if (p->data[p->pos] == ')')
        {
          p->pos++;
          return TRUE;
        }
      if (read_key (p, &key))
        {
          guint64 first, count = 1;

          if (read_repeat (p, key, &first, &count))
            {
              g_free (key);
              key = g_strdup_printf ("%" G_GUINT64_FORMAT, first);
            }
          if ((child = parse_module (p, key, module->path, depth + 1, error)) == NULL)
            return FALSE;
          g_ptr_array_add (module->children, child);
          module->size += child->size;
          if (count > 1 && (count - 1) * child->size > TORCH_MAX_MODULES - p->n_modules)
            {
              fail_at (error, STRATA_IMPORT_ERROR_TOO_LARGE, p->file, &child->place,
                       _("there are too many modules (more than %u)"), TORCH_MAX_MODULES);
              return FALSE;
            }
          for (guint64 i = 1; i < count; i++)
            {
              g_autofree char *copy_key = g_strdup_printf ("%" G_GUINT64_FORMAT, first + i);
              TorchModule *copy = copy_module (child, copy_key, module->path);

              g_ptr_array_add (module->children, copy);
              module->size += copy->size;
              p->n_modules += copy->size;
            }
          if (!at_line_end (p))
            {
              TorchPlace place = here (p);

              fail_at (error, STRATA_IMPORT_ERROR_INVALID, p->file, &place, "%s",
                       _("unexpected text after a module: each child goes on a line of its "
                         "own"));
              return FALSE;
            }
          next_line (p);
          continue;
        }
      /* Lines of a custom extra_repr() come before the children; anything
       * else is a child written wrongly, which must not be dropped. */
      if (module->children->len == 0 && p->data[p->pos] != '(')
        {
          while (p->pos < p->length && p->data[p->pos] != '\n')
            p->pos++;
          continue;
        }
      {
        TorchPlace place = here (p);

        fail_at (error, STRATA_IMPORT_ERROR_INVALID, p->file, &place,
                 _("expected a child “(name): Module(…)” or the “)” that closes “%s(”"),
                 module->type);
      }
      return FALSE;
    }
}

static TorchModule *
parse_module (Parser      *p,
              const char  *key,
              const char  *parent_path,
              guint        depth,
              GError     **error)
{
  g_autoptr(TorchModule) module = g_new0 (TorchModule, 1);
  TorchPlace open;
  gsize start = p->pos;

  module->place = here (p);
  if (depth > TORCH_MAX_DEPTH)
    {
      fail_at (error, STRATA_IMPORT_ERROR_TOO_LARGE, p->file, &module->place,
               _("modules are nested too deeply (more than %u levels)"), TORCH_MAX_DEPTH);
      return NULL;
    }
  if (++p->n_modules > TORCH_MAX_MODULES)
    {
      fail_at (error, STRATA_IMPORT_ERROR_TOO_LARGE, p->file, &module->place,
               _("there are too many modules (more than %u)"), TORCH_MAX_MODULES);
      return NULL;
    }
  if (p->pos >= p->length || !is_name_start (p->data[p->pos]))
    {
      fail_at (error, STRATA_IMPORT_ERROR_INVALID, p->file, &module->place, "%s",
               _("expected the class name of a module, such as “Conv2d(”"));
      return NULL;
    }
  while (p->pos < p->length && is_name_char (p->data[p->pos]))
    p->pos++;
  module->type = g_strndup (p->data + start, p->pos - start);
  module->key = g_strdup (key);
  module->path = key == NULL ? g_strdup ("") : join_path (parent_path, key);
  module->size = 1;

  open = here (p);
  if (p->pos >= p->length || p->data[p->pos] != '(')
    {
      fail_at (error, STRATA_IMPORT_ERROR_INVALID, p->file, &open,
               _("expected “(” after “%s”"), module->type);
      return NULL;
    }
  p->pos++;
  module->line_start = p->line_start;
  module->args_start = p->pos;
  module->args_place = here (p);

  if (at_line_end (p))
    {
      if (!parse_children (p, module, &open, depth, error))
        return NULL;
      return g_steal_pointer (&module);
    }

  /* Type(args): back to the "(" to find its ")". */
  p->pos = module->args_start - 1;
  if (!skip_balanced (p, error))
    return NULL;
  module->args_length = p->pos - 1 - module->args_start;
  return g_steal_pointer (&module);
}

TorchModule *
torch_parse (const char  *data,
             gsize        length,
             const char  *file,
             GError     **error)
{
  Parser p = { data, length, file, 0, 1, 0, 0 };
  g_autoptr(TorchModule) model = NULL;
  const char *end;

  if (!g_utf8_validate_len (data, length, &end))
    {
      TorchPlace place = { 1, 1 };
      gsize line_start = 0;

      /* Only the valid part before the bad byte is counted. */
      for (gsize i = 0; i < (gsize) (end - data); i++)
        if (data[i] == '\n')
          {
            place.line++;
            line_start = i + 1;
          }
      place = place_at (data, line_start, place.line, end - data);
      fail_at (error, STRATA_IMPORT_ERROR_INVALID, file, &place, "%s",
               _("this is not text (UTF-8)"));
      return NULL;
    }

  /* A byte order mark, and blank lines before the model. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p.pos = p.line_start = 3;
  while (at_line_end (&p) && p.pos < p.length)
    next_line (&p);

  if ((model = parse_module (&p, NULL, NULL, 0, error)) == NULL)
    return NULL;

  while (p.pos < p.length && g_ascii_isspace (p.data[p.pos]))
    {
      if (p.data[p.pos] == '\n')
        next_line (&p);
      else
        p.pos++;
    }
  if (p.pos < p.length)
    {
      TorchPlace place = here (&p);

      fail_at (error, STRATA_IMPORT_ERROR_INVALID, file, &place, "%s",
               _("there is more text after the model’s closing “)”"));
      return NULL;
    }
  return g_steal_pointer (&model);
}

/* Arguments: Python literals as repr() writes them. */

typedef struct
{
  const char        *data;
  gsize              pos;
  gsize              end;
  const TorchModule *module;
  const char        *file;
} Lexer;

static TorchPlace
lexer_place (Lexer *lx)
{
  return place_at (lx->data, lx->module->line_start, lx->module->args_place.line, lx->pos);
}

static void
lexer_skip (Lexer *lx)
{
  while (lx->pos < lx->end && g_ascii_isspace (lx->data[lx->pos]))
    lx->pos++;
}

static void
value_free (TorchValue *value)
{
  if (value == NULL)
    return;
  g_free (value->string);
  g_clear_pointer (&value->items, g_ptr_array_unref);
  g_free (value);
}

static void
arg_free (TorchArg *arg)
{
  g_free (arg->name);
  value_free (arg->value);
  g_free (arg);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TorchValue, value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TorchArg, arg_free)

static gboolean
lexer_fail (Lexer      *lx,
            TorchPlace *place,
            const char *message,
            GError    **error)
{
  TorchPlace at = place != NULL ? *place : lexer_place (lx);

  fail_at (error, STRATA_IMPORT_ERROR_INVALID, lx->file, &at, _("“%s” (%s): %s"),
           lx->module->path[0] != '\0' ? lx->module->path : lx->module->type,
           lx->module->type, message);
  return FALSE;
}

static TorchValue *parse_value (Lexer *lx, guint depth, GError **error);

static TorchValue *
parse_number (Lexer   *lx,
              GError **error)
{
  g_autoptr(TorchValue) value = g_new0 (TorchValue, 1);
  gsize start = lx->pos;
  g_autofree char *text = NULL;
  gboolean integral = TRUE;
  char *end;

  value->place = lexer_place (lx);
  if (lx->data[lx->pos] == '-' || lx->data[lx->pos] == '+')
    lx->pos++;
  while (lx->pos < lx->end &&
         (g_ascii_isalnum (lx->data[lx->pos]) || lx->data[lx->pos] == '.' ||
          ((lx->data[lx->pos] == '-' || lx->data[lx->pos] == '+') &&
           (lx->data[lx->pos - 1] == 'e' || lx->data[lx->pos - 1] == 'E'))))
    {
      if (!g_ascii_isdigit (lx->data[lx->pos]))
        integral = FALSE;
      lx->pos++;
    }
  text = g_strndup (lx->data + start, lx->pos - start);
  if (integral)
    {
      value->type = TORCH_VALUE_INT;
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value->integer, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("the number %s is too large"), text);

          lexer_fail (lx, &value->place, message, error);
          return NULL;
        }
      value->number = (double) value->integer;
      return g_steal_pointer (&value);
    }
  value->type = TORCH_VALUE_FLOAT;
  value->number = g_ascii_strtod (text, &end);
  if (*end != '\0' || !isfinite (value->number))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number"), text);

      lexer_fail (lx, &value->place, message, error);
      return NULL;
    }
  return g_steal_pointer (&value);
}

static TorchValue *
parse_tuple (Lexer   *lx,
             guint    depth,
             GError **error)
{
  g_autoptr(TorchValue) value = g_new0 (TorchValue, 1);
  char close = lx->data[lx->pos] == '(' ? ')' : ']';

  value->type = TORCH_VALUE_TUPLE;
  value->place = lexer_place (lx);
  value->items = g_ptr_array_new_with_free_func ((GDestroyNotify) value_free);
  if (depth >= TORCH_MAX_VALUE_DEPTH)
    {
      lexer_fail (lx, NULL, _("values are nested too deeply"), error);
      return NULL;
    }
  lx->pos++;
  for (;;)
    {
      TorchValue *item;

      lexer_skip (lx);
      if (lx->pos < lx->end && lx->data[lx->pos] == close)
        {
          lx->pos++;
          return g_steal_pointer (&value);
        }
      if (value->items->len == TORCH_MAX_TUPLE)
        {
          lexer_fail (lx, NULL, _("a tuple has too many values"), error);
          return NULL;
        }
      if ((item = parse_value (lx, depth + 1, error)) == NULL)
        return NULL;
      g_ptr_array_add (value->items, item);
      lexer_skip (lx);
      if (lx->pos < lx->end && lx->data[lx->pos] == ',')
        lx->pos++;
      else if (lx->pos >= lx->end || lx->data[lx->pos] != close)
        {
          lexer_fail (lx, NULL, _("expected “,” or the end of the tuple"), error);
          return NULL;
        }
    }
}

static TorchValue *
parse_value (Lexer   *lx,
             guint    depth,
             GError **error)
{
  g_autoptr(TorchValue) value = NULL;
  char c;

  lexer_skip (lx);
  if (lx->pos >= lx->end)
    {
      lexer_fail (lx, NULL, _("a value is missing"), error);
      return NULL;
    }
  c = lx->data[lx->pos];
  if (c == '(' || c == '[')
    return parse_tuple (lx, depth, error);
  if (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.')
    return parse_number (lx, error);

  value = g_new0 (TorchValue, 1);
  value->place = lexer_place (lx);
  if (c == '\'' || c == '"')
    {
      gsize start = ++lx->pos;

      while (lx->pos < lx->end && lx->data[lx->pos] != c)
        lx->pos += lx->data[lx->pos] == '\\' ? 2 : 1;
      if (lx->pos >= lx->end)
        {
          lexer_fail (lx, &value->place, _("a string is not closed"), error);
          return NULL;
        }
      value->type = TORCH_VALUE_STRING;
      value->string = g_strndup (lx->data + start, lx->pos - start);
      lx->pos++;
      return g_steal_pointer (&value);
    }
  if (is_name_start (c))
    {
      gsize start = lx->pos;

      while (lx->pos < lx->end && (is_name_char (lx->data[lx->pos]) || lx->data[lx->pos] == '.'))
        lx->pos++;
      value->string = g_strndup (lx->data + start, lx->pos - start);
      if (g_str_equal (value->string, "True") || g_str_equal (value->string, "False"))
        {
          value->type = TORCH_VALUE_BOOL;
          value->boolean = value->string[0] == 'T';
        }
      else if (g_str_equal (value->string, "None"))
        value->type = TORCH_VALUE_NONE;
      else
        value->type = TORCH_VALUE_STRING;
      return g_steal_pointer (&value);
    }
  {
    g_autofree char *message = NULL;
    gunichar u = g_utf8_get_char (lx->data + lx->pos);
    char buffer[8] = { 0 };

    g_unichar_to_utf8 (u, buffer);
    message = g_strdup_printf (_("unexpected “%s”"), buffer);
    lexer_fail (lx, NULL, message, error);
  }
  return NULL;
}

GPtrArray *
torch_parse_args (const char        *data,
                  const TorchModule *module,
                  const char        *file,
                  GError           **error)
{
  Lexer lx = { data, module->args_start, module->args_start + module->args_length, module, file };
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) arg_free);

  for (;;)
    {
      g_autoptr(TorchArg) arg = g_new0 (TorchArg, 1);
      gsize name_end;

      lexer_skip (&lx);
      if (lx.pos >= lx.end)
        return g_steal_pointer (&args);
      if (args->len == TORCH_MAX_ARGS)
        {
          lexer_fail (&lx, NULL, _("there are too many arguments"), error);
          return NULL;
        }
      arg->place = lexer_place (&lx);
      /* name=value, or a positional value. */
      name_end = lx.pos;
      while (name_end < lx.end && is_name_char (data[name_end]))
        name_end++;
      if (name_end > lx.pos && is_name_start (data[lx.pos]))
        {
          gsize after = name_end;

          while (after < lx.end && (data[after] == ' ' || data[after] == '\t'))
            after++;
          if (after < lx.end && data[after] == '=')
            {
              arg->name = g_strndup (data + lx.pos, name_end - lx.pos);
              lx.pos = after + 1;
            }
        }
      if ((arg->value = parse_value (&lx, 0, error)) == NULL)
        return NULL;
      g_ptr_array_add (args, g_steal_pointer (&arg));
      lexer_skip (&lx);
      if (lx.pos < lx.end && data[lx.pos] == ',')
        lx.pos++;
      else if (lx.pos < lx.end)
        {
          lexer_fail (&lx, NULL, _("expected “,” between arguments"), error);
          return NULL;
        }
    }
}
