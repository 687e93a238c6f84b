/* _gatherlab_speedups: the tracer's per-task hot paths in C (issue 20's and 21's cost bars), built
 * by `make` for each CPython 3.11 to 3.13 it finds. _gatherlab_trace.py stays the reference: each
 * function here is one of its Python functions, line for line (the same checks in the same order,
 * the same text written), and hands anything but the common case back to the Python one. It is used when
 * this module imports; GATHERLAB_TRACE_PURE=1, or a Python it was not built for, runs the Python.
 *
 * No frame is made here, so none is on the program's stack. Nothing here runs the program's code:
 * values are looked at by their exact builtin type, anything else goes to the tracer's _show.
 * The tracer's globals that change at run time (its clock on virtual time, _put in a forked child,
 * the gather or TaskGroup under way) are read on each call, as the Python functions read them; the
 * ones bound once (its functions, caches it clears in place) are taken once, by setup().
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include <structmember.h>
#include <time.h>

static PyObject *ns;  /* the tracer module's globals */
static PyTypeObject *coroutine_type, *cell_type;
/* Set once by setup(): the tracer's Task class, where its record slot is, asyncio's Task.__init__. */
static PyTypeObject *task_type;
static Py_ssize_t record_offset = -1;
static initproc base_init;
/* Set once by setup(): the tracer's globals that are never bound again (functions, caches it
 * clears in place, constants). */
enum {
    K_QUEUE, K_FLUSH, K_QUOTE, K_SHOW, K_USER_CODE, K_ARGUMENT_NAMES, K_PLAN_OF, K_SLEEP_LABELS, K_WAIT_LABEL,
    K_GET_RUNNING_LOOP, K_READY_LOOPS, K_TASK_IDS, K_CURRENT_OF, K_MADE_WHERE, K_RESULT_TEXT, K_ENDED_PY,
    K_LABEL_PY, K_TASK_INIT_PY, K_LEARN_STEP, K_COUNT
};
static PyObject *constants[K_COUNT];
static PyObject *sleep_code_object;
static long locals_from_value, code_at_value;
static int locals_known;


/* Interned names. */
static PyObject *n_put, *n_queue, *n_flush, *n_monotonic, *n_start, *n_quote, *n_show, *n_user_code, *n_argument_names,
    *n_plan_of, *n_LOCALS_FROM, *n_CODE_AT, *n_sleep_code, *n_sleep_labels,
    *n_wait_label, *n_ended_py, *n_result_text, *n_label_py, *n_StepWrapper,
    *n_learn_step, *n_settle;
static PyObject *a_gatherlab, *a_cr_code, *a_cr_await, *a_cancelled, *a_exception, *a_result,
    *a_coro, *a_fut_waiter, *a_done, *a_callback, *a_self;
static PyObject *s_comma_space;

/* A tracer global (borrowed); NULL with an exception set when it is missing. */
static PyObject *global(PyObject *name) {
    PyObject *value = PyDict_GetItemWithError(ns, name);
    if (value == NULL && !PyErr_Occurred())
        PyErr_SetObject(PyExc_NameError, name);
    return value;
}

/* `_monotonic() - _start`, as the tracer reads its clock. */
static int since_start(double *out) {
    PyObject *clock = global(n_monotonic), *start = global(n_start);
    if (clock == NULL || start == NULL)
        return -1;
    PyObject *now = PyObject_CallNoArgs(clock);
    if (now == NULL)
        return -1;
    double value = PyFloat_AsDouble(now), origin = PyFloat_AsDouble(start);
    Py_DECREF(now);
    if (PyErr_Occurred())
        return -1;
    *out = value - origin;
    return 0;
}

static int monotonic(double *out) {
    PyObject *clock = global(n_monotonic);
    if (clock == NULL)
        return -1;
    PyObject *now = PyObject_CallNoArgs(clock);
    if (now == NULL)
        return -1;
    *out = PyFloat_AsDouble(now);
    Py_DECREF(now);
    return PyErr_Occurred() ? -1 : 0;
}

static int start_time(double *out) {
    PyObject *start = global(n_start);
    if (start == NULL)
        return -1;
    *out = PyFloat_AsDouble(start);
    return PyErr_Occurred() ? -1 : 0;
}

/* The truth of a new reference, which it consumes: 1 or 0, or -1 with an error set (a NULL one's). */
static int truth(PyObject *value) {
    if (value == NULL)
        return -1;
    int result = PyObject_IsTrue(value);
    Py_DECREF(value);
    return result;
}

/* MARK: - A task's record (its `_gatherlab` slot), read and written where the slot is. */

/* A new reference to the task's record, None when it has none: a task of another class, or any
 * other object, has none (read without a getattr, which could run a __getattr__ of the program's,
 * as the tracer's _info reads it); NULL on an error. */
static PyObject *record_of(PyObject *task) {
    if (record_offset >= 0) {
        PyObject *record = PyObject_TypeCheck(task, task_type) ? *(PyObject **)((char *)task + record_offset) : NULL;
        return Py_NewRef(record != NULL ? record : Py_None);
    }
    PyObject *record = PyObject_GetAttr(task, a_gatherlab);
    if (record == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        return Py_NewRef(Py_None);
    }
    return record;
}

static int set_record(PyObject *task, PyObject *record) {
    if (record_offset >= 0 && PyObject_TypeCheck(task, task_type)) {
        PyObject **slot = (PyObject **)((char *)task + record_offset);
        PyObject *old = *slot;
        *slot = Py_NewRef(record);
        Py_XDECREF(old);
        return 0;
    }
    return PyObject_SetAttr(task, a_gatherlab, record);
}

/* MARK: - Lines, as ASCII bytes (every part is ASCII: numbers, and texts through _quote). */

typedef struct {
    char *data;
    Py_ssize_t length, capacity;
    char inline_data[512];
} Line;

static void line_init(Line *line) {
    line->data = line->inline_data;
    line->length = 0;
    line->capacity = sizeof line->inline_data;
}

static void line_free(Line *line) {
    if (line->data != line->inline_data)
        PyMem_Free(line->data);
}

static int line_add(Line *line, const char *text, Py_ssize_t size) {
    if (line->length + size > line->capacity) {
        Py_ssize_t capacity = (line->length + size) * 2;
        char *data = PyMem_Malloc(capacity);
        if (data == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(data, line->data, line->length);
        line_free(line);
        line->data = data;
        line->capacity = capacity;
    }
    memcpy(line->data + line->length, text, size);
    line->length += size;
    return 0;
}

#define ADD(line, literal) line_add((line), (literal), (Py_ssize_t)(sizeof(literal) - 1))

static int line_add_text(Line *line, PyObject *text) {
    /* An ASCII str (what _quote returns, the fixed fields the tracer made). */
    if (!PyUnicode_Check(text) || !PyUnicode_IS_ASCII(text)) {
        PyErr_SetString(PyExc_TypeError, "gatherlab speedups: a line's part is not ASCII text");
        return -1;
    }
    return line_add(line, (const char *)PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text));
}

/* The decimal digits of `value` at the end of `buffer` (its last byte), no sign; their start. */
static char *digits_of(unsigned long long value, char *last) {
    char *at = last + 1;
    do {
        *--at = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    return at;
}

static unsigned long long magnitude_of(long long value) {
    return value < 0 ? (unsigned long long)(-(value + 1)) + 1 : (unsigned long long)value;
}

static int line_add_long(Line *line, long long value) {
    char buffer[24];
    char *at = digits_of(magnitude_of(value), buffer + sizeof buffer - 1);
    if (value < 0)
        *--at = '-';
    return line_add(line, at, buffer + sizeof buffer - at);
}

/* An int object as str(n) writes it. */
static int line_add_int(Line *line, PyObject *number) {
    int overflow = 0;
    long long value = PyLong_AsLongLongAndOverflow(number, &overflow);
    if (value == -1 && PyErr_Occurred())
        return -1;
    if (!overflow)
        return line_add_long(line, value);
    PyObject *text = PyObject_Str(number);
    if (text == NULL)
        return -1;
    int status = line_add_text(line, text);
    Py_DECREF(text);
    return status;
}

/* A tick (tenths of a millisecond) as f"{tick / 10000:.4f}" writes it: the decimal nearest the
 * binary value is the tick's own, so its digits are written from the integer. */
static int line_add_tick(Line *line, long long tick) {
    char buffer[32];
    unsigned long long magnitude = magnitude_of(tick), fraction = magnitude % 10000;
    char *end = buffer + sizeof buffer - 1;
    for (int place = 0; place < 4; place++, fraction /= 10)
        *end-- = (char)('0' + fraction % 10);
    *end = '.';
    char *at = digits_of(magnitude / 10000, end - 1);
    if (tick < 0)
        *--at = '-';
    return line_add(line, at, buffer + sizeof buffer - at);
}

/* int(seconds * 10000.0 + 0.5) (the tracer's _event and _started). */
static long long tick_up(double seconds) {
    return (long long)(seconds * 10000.0 + 0.5);
}

/* _time_text's rounding: half away from zero. */
static long long tick_rounded(double seconds) {
    return seconds >= 0 ? (long long)(seconds * 10000.0 + 0.5) : (long long)(seconds * 10000.0 - 0.5);
}

/* f"{value:.4f}": Python's own formatting (correctly rounded), for the rare lines that use it. */
static int line_add_fixed(Line *line, double value) {
    char *text = PyOS_double_to_string(value, 'f', 4, 0, NULL);
    if (text == NULL)
        return -1;
    int status = line_add(line, text, (Py_ssize_t)strlen(text));
    PyMem_Free(text);
    return status;
}

static int line_add_quoted(Line *line, PyObject *text) {
    PyObject *quote = constants[K_QUOTE];
    if (quote == NULL)
        return -1;
    PyObject *quoted = PyObject_CallOneArg(quote, text);
    if (quoted == NULL)
        return -1;
    int status = line_add_text(line, quoted);
    Py_DECREF(quoted);
    return status;
}

/* The tracer's writer thread takes the queue every 20 ms, when it gets the GIL: a loop that lets
 * go of the GIL more often than the switch interval (its select() between quick iterations)
 * takes it back each time before the writer wakes, and the writer can wait for it for a quarter
 * of a second while the queue grows by megabytes. Past LATE_LINES lines queued, this thread
 * writes them itself (the tracer's _flush: the same write, and its flushed mark). */
#define LATE_LINES 8192

static int flush_if_late(void) {
    if (constants[K_QUEUE] == NULL || PyObject_Length(constants[K_QUEUE]) < LATE_LINES)
        return PyErr_Occurred() ? -1 : 0;
    PyObject *result = PyObject_CallNoArgs(constants[K_FLUSH]);
    if (result == NULL)
        return -1;
    Py_DECREF(result);
    return 0;
}

/* _put(line), and the queue written from this thread when the writer is late (_flush_if_late). */
static int line_put(Line *line) {
    PyObject *put = global(n_put);
    if (put == NULL)
        return -1;
    PyObject *text = PyUnicode_New(line->length, 127);
    if (text == NULL)
        return -1;
    memcpy(PyUnicode_DATA(text), line->data, line->length);
    PyObject *result = PyObject_CallOneArg(put, text);
    Py_DECREF(text);
    if (result == NULL)
        return -1;
    Py_DECREF(result);
    return flush_if_late();
}

/* MARK: - A coroutine's referents (gc.get_referents), the first ones only, borrowed. */

#define MAX_REFERENTS 64

typedef struct {
    PyObject *items[MAX_REFERENTS];
    int count;
} Referents;

static int visit_referent(PyObject *object, void *argument) {
    Referents *found = argument;
    if (found->count >= MAX_REFERENTS)
        return 1; /* enough: the traversal stops */
    found->items[found->count++] = object;
    return 0;
}

static void referents_of(PyObject *object, Referents *found) {
    found->count = 0;
    traverseproc traverse = Py_TYPE(object)->tp_traverse;
    if (traverse != NULL)
        traverse(object, visit_referent, found);
}

/* found.index(code, start) + 1, or -1 when it is not there (among the first MAX_REFERENTS; a
 * frame with more referents before its locals goes to the Python code). */
static int after_code(Referents *found, PyObject *code, int at, int from) {
    if (at >= 0 && at < found->count && found->items[at] == code)
        return at + 1;
    for (int index = from; index < found->count; index++)
        if (found->items[index] == code)
            return index + 1;
    return -1;
}

static int small_int(PyObject *value, long *out) {
    if (!PyLong_CheckExact(value))
        return 0;
    int overflow = 0;
    long number = PyLong_AsLongAndOverflow(value, &overflow);
    if (overflow || (number == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return 0;
    }
    if (number <= -100000 || number >= 100000)
        return 0;
    *out = number;
    return 1;
}

static long int_global(PyObject *name, int *missing) {
    PyObject *value = PyDict_GetItemWithError(ns, name);
    if (value == NULL || value == Py_None) {
        *missing = 1;
        return 0;
    }
    *missing = 0;
    return PyLong_AsLong(value);
}

/* MARK: - _label(coro): `fetch('a', 2)`, as the tracer's _label writes it. */

/* a + b + c (str); ASCII ones (the common labels) copied without a format. */
static PyObject *concat3(PyObject *a, PyObject *b, PyObject *c) {
    if (PyUnicode_IS_ASCII(a) && PyUnicode_IS_ASCII(b) && PyUnicode_IS_ASCII(c)) {
        Py_ssize_t sa = PyUnicode_GET_LENGTH(a), sb = PyUnicode_GET_LENGTH(b), sc = PyUnicode_GET_LENGTH(c);
        PyObject *text = PyUnicode_New(sa + sb + sc, 127);
        if (text == NULL)
            return NULL;
        char *data = PyUnicode_DATA(text);
        memcpy(data, PyUnicode_DATA(a), sa);
        memcpy(data + sa, PyUnicode_DATA(b), sb);
        memcpy(data + sa + sb, PyUnicode_DATA(c), sc);
        return text;
    }
    PyObject *first = PyUnicode_Concat(a, b);
    if (first == NULL)
        return NULL;
    PyObject *text = PyUnicode_Concat(first, c);
    Py_DECREF(first);
    return text;
}

static PyObject *label_in_python(PyObject *coro) {
    PyObject *label = constants[K_LABEL_PY];
    return label == NULL ? NULL : PyObject_CallOneArg(label, coro);
}

/* One shown argument: a small int without a call, a cell's contents, else the tracer's _show. */
static PyObject *decimal_text(long number) {
    char buffer[24];
    char *at = digits_of(magnitude_of(number), buffer + sizeof buffer - 1);
    if (number < 0)
        *--at = '-';
    return PyUnicode_FromStringAndSize(at, buffer + sizeof buffer - at);
}

static PyObject *shown_value(PyObject *value) {
    long number;
    if (small_int(value, &number))
        return decimal_text(number);
    PyObject *held = NULL;
    if (Py_IS_TYPE(value, cell_type)) {
        held = PyCell_GET(value);
        value = held != NULL ? held : Py_None;
        if (small_int(value, &number))
            return decimal_text(number);
    }
    PyObject *show = constants[K_SHOW];
    return show == NULL ? NULL : PyObject_CallOneArg(show, value);
}

static PyObject *label_of(PyObject *coro) {
    if (!Py_IS_TYPE(coro, coroutine_type))
        return label_in_python(coro);
    if (!locals_known)
        return label_in_python(coro);
    long locals_from = locals_from_value, code_at = code_at_value;
    PyObject *code = PyObject_GetAttr(coro, a_cr_code);
    if (code == NULL)
        return NULL;
    PyObject *names = constants[K_ARGUMENT_NAMES];
    if (names == NULL) {
        Py_DECREF(code);
        return NULL;
    }
    PyObject *key = PyLong_FromVoidPtr(code);
    if (key == NULL) {
        Py_DECREF(code);
        return NULL;
    }
    PyObject *plan = PyDict_GetItemWithError(names, key);
    Py_DECREF(key);
    if (plan == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(code);
            return NULL;
        }
        PyObject *plan_of = constants[K_PLAN_OF];
        plan = plan_of == NULL ? NULL : PyObject_CallOneArg(plan_of, code);
        if (plan == NULL) {
            Py_DECREF(code);
            return NULL;
        }
        Py_DECREF(plan); /* the cache holds it */
    }
    /* start, positions, count, end */
    if (!PyTuple_Check(plan) || PyTuple_GET_SIZE(plan) != 4) {
        Py_DECREF(code);
        return label_in_python(coro);
    }
    PyObject *start = PyTuple_GET_ITEM(plan, 0), *positions = PyTuple_GET_ITEM(plan, 1),
             *end = PyTuple_GET_ITEM(plan, 3);
    long count = PyLong_AsLong(PyTuple_GET_ITEM(plan, 2));
    if (count == -1 && PyErr_Occurred()) {
        Py_DECREF(code);
        return NULL;
    }
    Referents found;
    referents_of(coro, &found);
    int at = after_code(&found, code, (int)code_at, (int)locals_from);
    Py_DECREF(code);
    if (at < 0 || at + count > found.count) {
        if (found.count >= MAX_REFERENTS)
            return label_in_python(coro); /* a long frame: the Python code reads it */
        return PyUnicode_FromFormat("%s()", Py_TYPE(coro)->tp_name); /* ended: its frame is cleared */
    }
    if (count == 0)
        return PyUnicode_FromFormat("%U)", start);
    if (count == 1) {
        PyObject *value = Py_NewRef(found.items[at]); /* _show may run the tracer's code */
        PyObject *shown = shown_value(value);
        Py_DECREF(value);
        if (shown == NULL)
            return NULL;
        PyObject *label = concat3(start, shown, end);
        Py_DECREF(shown);
        return label;
    }
    /* Hold the values: _show may run code of the tracer's (a new reference, a collection). */
    PyObject *values = PyList_New(count);
    if (values == NULL)
        return NULL;
    for (long index = 0; index < count; index++)
        PyList_SET_ITEM(values, index, Py_NewRef(found.items[at + index]));
    if (!PyList_Check(positions)) {
        Py_DECREF(values);
        return label_in_python(coro);
    }
    Py_ssize_t shown_count = PyList_GET_SIZE(positions);
    PyObject *shown = PyList_New(shown_count);
    if (shown == NULL) {
        Py_DECREF(values);
        return NULL;
    }
    for (Py_ssize_t index = 0; index < shown_count; index++) {
        long position = PyLong_AsLong(PyList_GET_ITEM(positions, index));
        if (position < 0 || position >= count) {
            Py_DECREF(values);
            Py_DECREF(shown);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_IndexError, "gatherlab speedups: an argument's position");
            return NULL;
        }
        PyObject *text = shown_value(PyList_GET_ITEM(values, position));
        if (text == NULL) {
            Py_DECREF(values);
            Py_DECREF(shown);
            return NULL;
        }
        PyList_SET_ITEM(shown, index, text);
    }
    Py_DECREF(values);
    PyObject *joined = PyUnicode_Join(s_comma_space, shown);
    Py_DECREF(shown);
    if (joined == NULL)
        return NULL;
    PyObject *label = concat3(start, joined, end);
    Py_DECREF(joined);
    return label;
}

static PyObject *label(PyObject *module, PyObject *coro) {
    return label_of(coro);
}

/* MARK: - A task's lines. info: [id, label, parent id, gather, group, created (None once
 * started), fixed fields, coro until started and then the future it waits on, its label]. */

static int is_info(PyObject *info) {
    if (PyList_CheckExact(info) && PyList_GET_SIZE(info) == 9)
        return 1;
    PyErr_SetString(PyExc_TypeError, "gatherlab speedups: not a task's record");
    return 0;
}

/* ,"parent":P,"gather":G,"group":R (each an int or null). */
static int line_add_tail(Line *line, PyObject *info) {
    static const char *keys[] = {",\"parent\":", ",\"gather\":", ",\"group\":"};
    static const Py_ssize_t sizes[] = {10, 10, 9};
    for (int index = 0; index < 3; index++) {
        PyObject *value = PyList_GET_ITEM(info, 2 + index);
        if (line_add(line, keys[index], sizes[index]) < 0)
            return -1;
        if (value == Py_None) {
            if (ADD(line, "null") < 0)
                return -1;
        } else if (PyLong_CheckExact(value)) {
            if (line_add_int(line, value) < 0)
                return -1;
        } else {
            PyErr_SetString(PyExc_TypeError, "gatherlab speedups: a task's parent, gather or group");
            return -1;
        }
    }
    return 0;
}

/* _started(info): the task's first step runs now: its `waiting` and `started` lines. */
static int started_info(PyObject *info) {
    double start;
    if (start_time(&start) < 0)
        return -1;
    PyObject *created_at = PyList_GET_ITEM(info, 5);
    double created_seconds = PyFloat_AsDouble(created_at);
    if (created_seconds == -1.0 && PyErr_Occurred())
        return -1;
    long long created = tick_up(created_seconds - start);
    PyList_SetItem(info, 5, Py_NewRef(Py_None));
    PyObject *label = PyList_GET_ITEM(info, 1);
    if (label == Py_None) {
        label = label_of(PyList_GET_ITEM(info, 7));
        if (label == NULL)
            return -1;
        PyList_SetItem(info, 1, label); /* steals */
    }
    PyList_SetItem(info, 7, Py_NewRef(Py_None));
    Line fields;
    line_init(&fields);
    if (ADD(&fields, ",\"id\":") < 0 || line_add_int(&fields, PyList_GET_ITEM(info, 0)) < 0
        || ADD(&fields, ",\"task\":") < 0 || line_add_quoted(&fields, PyList_GET_ITEM(info, 1)) < 0
        || line_add_tail(&fields, info) < 0) {
        line_free(&fields);
        return -1;
    }
    PyObject *fixed = PyUnicode_New(fields.length, 127);
    if (fixed == NULL) {
        line_free(&fields);
        return -1;
    }
    memcpy(PyUnicode_DATA(fixed), fields.data, fields.length);
    PyList_SetItem(info, 6, fixed);
    double now;
    if (since_start(&now) < 0) {
        line_free(&fields);
        return -1;
    }
    Line line;
    line_init(&line);
    int status = (ADD(&line, "{\"type\":\"event\",\"t\":") < 0 || line_add_tick(&line, created) < 0
                  || line_add(&line, fields.data, fields.length) < 0
                  || ADD(&line, ",\"event\":\"waiting\"}\n{\"type\":\"event\",\"t\":") < 0
                  || line_add_tick(&line, tick_up(now)) < 0 || line_add(&line, fields.data, fields.length) < 0
                  || ADD(&line, ",\"event\":\"started\"}") < 0 || line_put(&line) < 0)
                     ? -1
                     : 0;
    line_free(&line);
    line_free(&fields);
    return status;
}

static PyObject *started(PyObject *module, PyObject *info) {
    if (!is_info(info) || started_info(info) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* {"type":"event","t":NOW<fixed fields>,"event":"KIND"<extra>} */
static int put_event(PyObject *info, const char *kind, PyObject *extra_text, const char *extra) {
    double now;
    if (since_start(&now) < 0)
        return -1;
    Line line;
    line_init(&line);
    int status = (ADD(&line, "{\"type\":\"event\",\"t\":") < 0 || line_add_tick(&line, tick_up(now)) < 0
                  || line_add_text(&line, PyList_GET_ITEM(info, 6)) < 0 || ADD(&line, ",\"event\":\"") < 0
                  || line_add(&line, kind, (Py_ssize_t)strlen(kind)) < 0 || ADD(&line, "\"") < 0
                  || (extra != NULL && line_add(&line, extra, (Py_ssize_t)strlen(extra)) < 0)
                  || (extra_text != NULL && line_add_text(&line, extra_text) < 0) || ADD(&line, "}") < 0
                  || line_put(&line) < 0)
                     ? -1
                     : 0;
    line_free(&line);
    return status;
}

/* _ended(task, info): its last event; the record goes. */
static int ended_info(PyObject *task, PyObject *info) {
    PyObject *current = record_of(task);
    if (current == NULL)
        return -1;
    Py_DECREF(current);
    if (current != info)
        return 0; /* reported already */
    int is_cancelled = truth(PyObject_CallMethodNoArgs(task, a_cancelled));
    if (is_cancelled < 0)
        return -1;
    PyObject *error = NULL, *result = NULL, *shown = NULL;
    char value_text[40];
    value_text[0] = 0;
    if (!is_cancelled) {
        error = PyObject_GetAttr(task, a_exception);
        if (error == NULL)
            return -1;
        if (error != Py_None) {
            /* A failure: the Python code describes it (and writes the whole line). */
            Py_DECREF(error);
            PyObject *ended_py = constants[K_ENDED_PY];
            if (ended_py == NULL)
                return -1;
            PyObject *done = PyObject_CallFunctionObjArgs(ended_py, task, info, NULL);
            if (done == NULL)
                return -1;
            Py_DECREF(done);
            return 0;
        }
        Py_DECREF(error);
        result = PyObject_GetAttr(task, a_result);
        if (result == NULL)
            return -1;
        long number;
        if (result == Py_None) {
            strcpy(value_text, ",\"value\":\"None\"");
        } else if (small_int(result, &number)) {
            char buffer[24];
            char *at = digits_of(magnitude_of(number), buffer + sizeof buffer - 1);
            if (number < 0)
                *--at = '-';
            Py_ssize_t size = buffer + sizeof buffer - at;
            memcpy(value_text, ",\"value\":\"", 10);
            memcpy(value_text + 10, at, size);
            memcpy(value_text + 10 + size, "\"", 2);
        } else {
            PyObject *result_text = constants[K_RESULT_TEXT];
            shown = result_text == NULL ? NULL : PyObject_CallOneArg(result_text, result);
            if (shown == NULL) {
                Py_DECREF(result);
                return -1;
            }
        }
        Py_DECREF(result);
    }
    if (set_record(task, Py_None) < 0) {
        Py_XDECREF(shown);
        return -1;
    }
    if (PyList_GET_ITEM(info, 5) != Py_None && started_info(info) < 0) {
        Py_XDECREF(shown);
        return -1;
    }
    int status;
    if (is_cancelled)
        status = put_event(info, "cancelled", NULL, NULL);
    else if (shown != NULL)
        status = put_event(info, "finished", shown, ",\"value\":");
    else
        status = put_event(info, "finished", NULL, value_text);
    Py_XDECREF(shown);
    return status;
}

static PyObject *ended(PyObject *module, PyObject *const *args, Py_ssize_t count) {
    if (count != 2) {
        PyErr_SetString(PyExc_TypeError, "ended(task, info)");
        return NULL;
    }
    if (!is_info(args[1]) || ended_info(args[0], args[1]) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* MARK: - _awaits(task, info, began, end, took): what the task waits on after a step. */

static int awaits_info(PyObject *task, PyObject *info, double began, double end, double took) {
    double start;
    if (start_time(&start) < 0)
        return -1;
    PyObject *waiter = PyObject_GetAttr(task, a_fut_waiter);
    if (waiter == NULL)
        return -1;
    PyObject *label = Py_NewRef(PyList_GET_ITEM(info, 8));
    int status = -1;
    PyObject *on = NULL, *ids = NULL, *coro = NULL, *inner = NULL;
    if (took >= 0.001 && label != Py_None) {
        Line line;
        line_init(&line);
        int failed = ADD(&line, "{\"type\":\"await\",\"t\":") < 0
                     || line_add_tick(&line, tick_rounded(began - start)) < 0 || ADD(&line, ",\"id\":") < 0
                     || line_add_int(&line, PyList_GET_ITEM(info, 0)) < 0
                     || ADD(&line, ",\"on\":null,\"tasks\":[]}") < 0 || line_put(&line) < 0;
        line_free(&line);
        if (failed)
            goto done;
        Py_SETREF(label, Py_NewRef(Py_None));
    }
    /* The common wait first: the task's own coroutine awaits asyncio.sleep. */
    coro = PyObject_GetAttr(task, a_coro);
    if (coro == NULL)
        goto done;
    if (Py_IS_TYPE(coro, coroutine_type)) {
        inner = PyObject_GetAttr(coro, a_cr_await);
        if (inner == NULL)
            goto done;
    }
    PyObject *sleep_code = sleep_code_object;
    long locals_from = locals_from_value, code_at = code_at_value;
    if (inner != NULL && Py_IS_TYPE(inner, coroutine_type) && sleep_code != Py_None && locals_known) {
        PyObject *inner_code = PyObject_GetAttr(inner, a_cr_code);
        if (inner_code == NULL)
            goto done;
        Py_DECREF(inner_code);
        if (inner_code == sleep_code) {
            PyObject *own_code = PyObject_GetAttr(coro, a_cr_code);
            if (own_code == NULL)
                goto done;
            PyObject *users = constants[K_USER_CODE];
            PyObject *key = users == NULL ? NULL : PyLong_FromVoidPtr(own_code);
            Py_DECREF(own_code);
            if (key == NULL)
                goto done;
            PyObject *mine = PyDict_GetItemWithError(users, key);
            Py_DECREF(key);
            if (mine == NULL && PyErr_Occurred())
                goto done;
            int is_mine = mine != NULL && PyObject_IsTrue(mine) > 0;
            if (is_mine) {
                Referents found;
                referents_of(inner, &found);
                int at = after_code(&found, sleep_code, (int)code_at, (int)locals_from);
                if (at >= 0 && at < found.count) {
                    PyObject *delay = found.items[at];
                    if (PyFloat_CheckExact(delay) || PyLong_CheckExact(delay)) {
                        PyObject *labels = constants[K_SLEEP_LABELS];
                        if (labels == NULL)
                            goto done;
                        on = PyDict_GetItemWithError(labels, delay);
                        if (on == NULL && PyErr_Occurred())
                            goto done;
                        Py_XINCREF(on);
                    }
                }
            }
        }
    }
    if (on == NULL) {
        PyObject *wait_label = constants[K_WAIT_LABEL];
        if (wait_label == NULL)
            goto done;
        PyObject *pair = PyObject_CallFunctionObjArgs(wait_label, task, waiter, NULL);
        if (pair == NULL)
            goto done;
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            Py_DECREF(pair);
            PyErr_SetString(PyExc_TypeError, "gatherlab speedups: _wait_label's answer");
            goto done;
        }
        on = Py_NewRef(PyTuple_GET_ITEM(pair, 0));
        ids = Py_NewRef(PyTuple_GET_ITEM(pair, 1));
        Py_DECREF(pair);
    }
    PyList_SetItem(info, 7, Py_NewRef(waiter));
    PyList_SetItem(info, 8, Py_NewRef(on));
    int same = PyObject_RichCompareBool(label, on, Py_EQ);
    if (same < 0)
        goto done;
    if (same) {
        status = 0;
        goto done;
    }
    Py_ssize_t id_count = 0;
    if (ids != NULL) {
        id_count = PyObject_Length(ids);
        if (id_count < 0)
            goto done;
    }
    Line line;
    line_init(&line);
    int failed = ADD(&line, "{\"type\":\"await\",\"t\":") < 0 || line_add_tick(&line, tick_up(end - start)) < 0
                 || ADD(&line, ",\"id\":") < 0 || line_add_int(&line, PyList_GET_ITEM(info, 0)) < 0
                 || ADD(&line, ",\"on\":") < 0 || line_add_quoted(&line, on) < 0 || ADD(&line, ",\"tasks\":[") < 0;
    for (Py_ssize_t index = 0; !failed && index < id_count; index++) {
        PyObject *id = PySequence_GetItem(ids, index);
        if (id == NULL) {
            failed = 1;
            break;
        }
        PyObject *text = PyObject_Str(id);
        Py_DECREF(id);
        failed = text == NULL || (index && ADD(&line, ",") < 0) || line_add_text(&line, text) < 0;
        Py_XDECREF(text);
    }
    failed = failed || ADD(&line, "]}") < 0 || line_put(&line) < 0;
    line_free(&line);
    status = failed ? -1 : 0;
done:
    Py_DECREF(waiter);
    Py_DECREF(label);
    Py_XDECREF(on);
    Py_XDECREF(ids);
    Py_XDECREF(coro);
    Py_XDECREF(inner);
    return status;
}

static PyObject *awaits(PyObject *module, PyObject *const *args, Py_ssize_t count) {
    if (count != 5) {
        PyErr_SetString(PyExc_TypeError, "awaits(task, info, began, end, took)");
        return NULL;
    }
    double began = PyFloat_AsDouble(args[2]), end = PyFloat_AsDouble(args[3]), took = PyFloat_AsDouble(args[4]);
    if (PyErr_Occurred() || !is_info(args[1]) || awaits_info(args[0], args[1], began, end, took) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* MARK: - A callback of asyncio's own loops, around its run (the tracer's _TracedHandle._run):
 * step_start(handle) before, step_end(token, began) after. */

/* (owner, info) when the handle runs a step of a task the tracer made (its start reported before
 * its first step), else None. */
/* The wall clock when the callback running now started (the loop's thread's, under the GIL). */
static double step_wall_start;

static double wall_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

/* On virtual time (the tracer's `_settle` is the clock module's settle), a callback that held the
 * loop 20 ms of wall time or more: the clock moves on for what it blocked before its end is read. */
static int settle_if_long(void) {
    PyObject *settle = global(n_settle);
    if (settle == NULL)
        return -1;
    if (settle == Py_None || wall_now() - step_wall_start < 0.02)
        return 0;
    PyObject *done = PyObject_CallNoArgs(settle);
    Py_XDECREF(done);
    return done == NULL ? -1 : 0;
}

static PyObject *step_start(PyObject *module, PyObject *handle) {
    step_wall_start = wall_now();
    PyObject *callback = PyObject_GetAttr(handle, a_callback);
    if (callback == NULL)
        return NULL;
    PyObject *step_type = PyDict_GetItemWithError(ns, n_StepWrapper);
    if (step_type == NULL && PyErr_Occurred()) {
        Py_DECREF(callback);
        return NULL;
    }
    int is_step = step_type != NULL && (PyObject *)Py_TYPE(callback) == step_type;
    if (!is_step && PyCFunction_CheckExact(callback)) {
        const char *name = ((PyCFunctionObject *)callback)->m_ml->ml_name;
        is_step = name != NULL && strcmp(name, "task_wakeup") == 0;
    }
    if (!is_step && (step_type == NULL || step_type == Py_None)) {
        is_step = truth(PyObject_CallOneArg(constants[K_LEARN_STEP], callback));
        if (is_step < 0) {
            Py_DECREF(callback);
            return NULL;
        }
    }
    if (!is_step) {
        Py_DECREF(callback);
        Py_RETURN_NONE;
    }
    PyObject *owner = PyObject_GetAttr(callback, a_self);
    Py_DECREF(callback);
    if (owner == NULL)
        return NULL;
    PyObject *info = record_of(owner);
    if (info == NULL) {
        Py_DECREF(owner);
        return NULL;
    }
    if (info == Py_None) { /* a task the tracer did not make, or one that has ended */
        Py_DECREF(owner);
        Py_DECREF(info);
        Py_RETURN_NONE;
    }
    if (!is_info(info) || (PyList_GET_ITEM(info, 5) != Py_None && started_info(info) < 0)) {
        Py_DECREF(owner);
        Py_DECREF(info);
        return NULL;
    }
    PyObject *token = PyTuple_Pack(2, owner, info);
    Py_DECREF(owner);
    Py_DECREF(info);
    return token;
}

static int put_blocked(double began, double took, PyObject *id) {
    double start;
    if (start_time(&start) < 0)
        return -1;
    Line line;
    line_init(&line);
    int failed = ADD(&line, "{\"type\":\"blocked\",\"t\":") < 0 || line_add_fixed(&line, began - start) < 0
                 || ADD(&line, ",\"value\":\"") < 0 || line_add_fixed(&line, took) < 0 || ADD(&line, "\",\"id\":") < 0
                 || (id == NULL ? ADD(&line, "null") < 0 : line_add_int(&line, id) < 0) || ADD(&line, "}") < 0
                 || line_put(&line) < 0;
    line_free(&line);
    return failed ? -1 : 0;
}

static PyObject *step_end(PyObject *module, PyObject *const *args, Py_ssize_t count) {
    if (count != 2) {
        PyErr_SetString(PyExc_TypeError, "step_end(token, began)");
        return NULL;
    }
    PyObject *token = args[0];
    if (token != Py_None
        && (!PyTuple_CheckExact(token) || PyTuple_GET_SIZE(token) != 2 || !is_info(PyTuple_GET_ITEM(token, 1)))) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "step_end(token, began): not step_start's token");
        return NULL;
    }
    double began = PyFloat_AsDouble(args[1]), end;
    if ((began == -1.0 && PyErr_Occurred()) || settle_if_long() < 0 || monotonic(&end) < 0)
        return NULL;
    double took = end - began;
    if (token == Py_None) {
        if (took > 0.02 && put_blocked(began, took, NULL) < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *owner = PyTuple_GET_ITEM(token, 0), *info = PyTuple_GET_ITEM(token, 1);
    if (took > 0.02 && put_blocked(began, took, PyList_GET_ITEM(info, 0)) < 0)
        return NULL;
    int is_done = truth(PyObject_CallMethodNoArgs(owner, a_done));
    if (is_done < 0)
        return NULL;
    if (is_done) {
        if (ended_info(owner, info) < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    int look = took >= 0.001 || PyList_GET_ITEM(info, 8) == Py_None;
    if (!look) {
        PyObject *waiter = PyObject_GetAttr(owner, a_fut_waiter);
        if (waiter == NULL)
            return NULL;
        look = PyList_GET_ITEM(info, 7) != waiter;
        Py_DECREF(waiter);
    }
    if (look && awaits_info(owner, info, began, end, took) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* MARK: - Task.__init__: the tracer's Task class's fast path (its Python __init__'s first branch
 * and the record it makes), for the common task: the program's coroutine, on asyncio's own loop,
 * not eager, called as asyncio calls it (coro, and loop, name, context by keyword). Any other
 * call goes to the tracer's Python __init__, which decides as before. */

static PyObject *n_task_init_py, *n_get_running_loop, *n_ready_loops, *n_creating_gather, *n_creating_group,
    *n_given_name, *n_task_ids, *n_current_of, *n_made_where, *a_debug, *k_loop, *k_name, *k_context;

static int init_in_python(PyObject *self, PyObject *args, PyObject *kwargs) {
    PyObject *init = constants[K_TASK_INIT_PY];
    if (init == NULL)
        return -1;
    Py_ssize_t count = PyTuple_GET_SIZE(args);
    PyObject *all = PyTuple_New(count + 1);
    if (all == NULL)
        return -1;
    PyTuple_SET_ITEM(all, 0, Py_NewRef(self));
    for (Py_ssize_t index = 0; index < count; index++)
        PyTuple_SET_ITEM(all, index + 1, Py_NewRef(PyTuple_GET_ITEM(args, index)));
    PyObject *result = PyObject_Call(init, all, kwargs);
    Py_DECREF(all);
    if (result == NULL)
        return -1;
    Py_DECREF(result);
    return 0;
}

/* Whether the call is the common one; *loop, *name: its keywords (borrowed, NULL if not given). */
static int common_call(PyObject *args, PyObject *kwargs, PyObject **loop, PyObject **name) {
    *loop = *name = NULL;
    if (PyTuple_GET_SIZE(args) != 1)
        return 0;
    if (kwargs == NULL)
        return 1;
    PyObject *key, *value;
    Py_ssize_t position = 0;
    while (PyDict_Next(kwargs, &position, &key, &value)) {
        if (!PyUnicode_CheckExact(key))
            return 0;
        if (PyUnicode_Compare(key, k_loop) == 0)
            *loop = value;
        else if (PyUnicode_Compare(key, k_name) == 0)
            *name = value;
        else if (PyUnicode_Compare(key, k_context) != 0)
            return 0; /* eager_start, or another keyword */
    }
    return 1;
}

static int task_init_call(PyObject *self, PyObject *args, PyObject *kwargs) {
    PyObject *loop, *name;
    if (base_init == NULL || !common_call(args, kwargs, &loop, &name))
        return init_in_python(self, args, kwargs);
    PyObject *coro = PyTuple_GET_ITEM(args, 0);
    if (loop == Py_None)
        loop = NULL;
    if (name == Py_None)
        name = NULL;
    if ((name != NULL && !PyUnicode_CheckExact(name)) || !Py_IS_TYPE(coro, coroutine_type))
        return init_in_python(self, args, kwargs);
    PyObject *running;
    if (loop != NULL) {
        running = Py_NewRef(loop);
    } else {
        PyObject *get_running = constants[K_GET_RUNNING_LOOP];
        running = get_running == NULL ? NULL : PyObject_CallNoArgs(get_running);
        if (running == NULL)
            return -1;
    }
    PyObject *ready = constants[K_READY_LOOPS], *users = constants[K_USER_CODE];
    if (ready == NULL || users == NULL) {
        Py_DECREF(running);
        return -1;
    }
    int known = PySet_Contains(ready, (PyObject *)Py_TYPE(running));
    if (known <= 0) {
        Py_DECREF(running);
        return known < 0 ? -1 : init_in_python(self, args, kwargs);
    }
    PyObject *code = PyObject_GetAttr(coro, a_cr_code);
    if (code == NULL) {
        Py_DECREF(running);
        return -1;
    }
    PyObject *key = PyLong_FromVoidPtr(code);
    Py_DECREF(code);
    if (key == NULL) {
        Py_DECREF(running);
        return -1;
    }
    PyObject *mine = PyDict_GetItemWithError(users, key);
    Py_DECREF(key);
    int is_mine = mine != NULL ? PyObject_IsTrue(mine) : (PyErr_Occurred() ? -1 : 0);
    if (is_mine <= 0) {
        Py_DECREF(running);
        return is_mine < 0 ? -1 : init_in_python(self, args, kwargs);
    }
    /* The record: [id, label, parent id, gather, group, created, None, coro, None]. */
    PyObject *gathering = global(n_creating_gather), *group = global(n_creating_group), *given = global(n_given_name),
             *ids = constants[K_TASK_IDS], *current_of = constants[K_CURRENT_OF];
    if (gathering == NULL || group == NULL || given == NULL || ids == NULL || current_of == NULL) {
        Py_DECREF(running);
        return -1;
    }
    Py_INCREF(gathering);
    PyObject *number = PyIter_Next(ids), *parent_id = NULL, *gather_id = NULL, *created = NULL, *record = NULL;
    int status = -1;
    if (number == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_RuntimeError, "gatherlab: the task ids ran out");
        goto done;
    }
    PyObject *current = PyObject_CallOneArg(current_of, running);
    if (current == NULL)
        goto done;
    PyObject *parent = record_of(current);
    Py_DECREF(current);
    if (parent == NULL)
        goto done;
    int has_parent = PyObject_IsTrue(parent);
    if (has_parent < 0) {
        Py_DECREF(parent);
        goto done;
    }
    parent_id = has_parent ? PySequence_GetItem(parent, 0) : Py_NewRef(Py_None);
    Py_DECREF(parent);
    if (parent_id == NULL)
        goto done;
    int is_gathering = PyObject_IsTrue(gathering);
    if (is_gathering < 0)
        goto done;
    gather_id = is_gathering ? PySequence_GetItem(gathering, 0) : Py_NewRef(Py_None);
    if (gather_id == NULL)
        goto done;
    double now;
    if (monotonic(&now) < 0 || (created = PyFloat_FromDouble(now)) == NULL)
        goto done;
    /* name or _given_name */
    PyObject *label = name;
    if (label == NULL || PyUnicode_GET_LENGTH(label) == 0)
        label = given;
    record = PyList_New(9);
    if (record == NULL)
        goto done;
    PyList_SET_ITEM(record, 0, Py_NewRef(number));
    PyList_SET_ITEM(record, 1, Py_NewRef(label));
    PyList_SET_ITEM(record, 2, Py_NewRef(parent_id));
    PyList_SET_ITEM(record, 3, Py_NewRef(gather_id));
    PyList_SET_ITEM(record, 4, Py_NewRef(group));
    PyList_SET_ITEM(record, 5, Py_NewRef(created));
    PyList_SET_ITEM(record, 6, Py_NewRef(Py_None));
    PyList_SET_ITEM(record, 7, Py_NewRef(coro));
    PyList_SET_ITEM(record, 8, Py_NewRef(Py_None));
    if (set_record(self, record) < 0)
        goto done;
    if (is_gathering && PyList_Check(gathering) && PyList_Append(gathering, number) < 0)
        goto done;
    if (base_init(self, args, kwargs) < 0) {
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        set_record(self, Py_None);
        PyErr_Restore(type, value, traceback);
        goto done;
    }
    int in_debug = truth(PyObject_GetAttr(running, a_debug));
    if (in_debug < 0)
        goto done;
    if (in_debug) {
        PyObject *made_where = constants[K_MADE_WHERE];
        PyObject *result = made_where == NULL ? NULL : PyObject_CallOneArg(made_where, self);
        if (result == NULL)
            goto done;
        Py_DECREF(result);
    }
    status = 0;
done:
    Py_DECREF(running);
    Py_DECREF(gathering);
    Py_XDECREF(number);
    Py_XDECREF(parent_id);
    Py_XDECREF(gather_id);
    Py_XDECREF(created);
    Py_XDECREF(record);
    return status;
}

/* Task.__init__(self, *args, **kwargs), as a function an instancemethod binds (args holds self
 * first): a method descriptor of Task's own would refuse inspect.signature(asyncio.Task), whose
 * 3.13 binds __init__ to the class. */
static PyObject *task_init(PyObject *module, PyObject *args, PyObject *kwargs) {
    if (PyTuple_GET_SIZE(args) < 1 || !PyObject_TypeCheck(PyTuple_GET_ITEM(args, 0), task_type)) {
        PyErr_SetString(PyExc_TypeError, "descriptor '__init__' requires a 'Task' object");
        return NULL;
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    if (rest == NULL)
        return NULL;
    int status = task_init_call(PyTuple_GET_ITEM(args, 0), rest, kwargs);
    Py_DECREF(rest);
    if (status < 0)
        return NULL;
    Py_RETURN_NONE;
}

#if PY_VERSION_HEX >= 0x030C0000
#define TASK_SIGNATURE "__init__($self, /, coro, *, loop=None, name=None, context=None, eager_start=False)\n--\n\n"
#else
#define TASK_SIGNATURE "__init__($self, /, coro, *, loop=None, name=None, context=None)\n--\n\n"
#endif

static PyMethodDef task_init_method = {
    "__init__", (PyCFunction)(void (*)(void))task_init, METH_VARARGS | METH_KEYWORDS,
    TASK_SIGNATURE "Initialize self.  See help(type(self)) for accurate signature.",
};

/* MARK: - The module. */

static PyObject *setup(PyObject *module, PyObject *namespace) {
    if (!PyDict_Check(namespace)) {
        PyErr_SetString(PyExc_TypeError, "setup(globals())");
        return NULL;
    }
    Py_XSETREF(ns, Py_NewRef(namespace));
    PyObject **names[K_COUNT] = {
        &n_queue, &n_flush, &n_quote, &n_show, &n_user_code, &n_argument_names, &n_plan_of, &n_sleep_labels,
        &n_wait_label, &n_get_running_loop, &n_ready_loops, &n_task_ids, &n_current_of, &n_made_where,
        &n_result_text, &n_ended_py, &n_label_py, &n_task_init_py, &n_learn_step
    };
    for (int index = 0; index < K_COUNT; index++) {
        PyObject *value = global(*names[index]);
        if (value == NULL)
            return NULL;
        Py_XSETREF(constants[index], Py_NewRef(value));
    }
    PyObject *sleep_code = PyDict_GetItemWithError(namespace, n_sleep_code);
    if (sleep_code == NULL && PyErr_Occurred())
        return NULL;
    Py_XSETREF(sleep_code_object, Py_NewRef(sleep_code != NULL ? sleep_code : Py_None));
    int missing_locals, missing_at;
    locals_from_value = int_global(n_LOCALS_FROM, &missing_locals);
    code_at_value = int_global(n_CODE_AT, &missing_at);
    if (PyErr_Occurred())
        return NULL;
    locals_known = !missing_locals && !missing_at;
    PyObject *types = PyImport_ImportModule("types");
    if (types == NULL)
        return NULL;
    PyObject *coroutine = PyObject_GetAttrString(types, "CoroutineType");
    PyObject *cell = PyObject_GetAttrString(types, "CellType");
    Py_DECREF(types);
    if (coroutine == NULL || cell == NULL || !PyType_Check(coroutine) || !PyType_Check(cell)) {
        Py_XDECREF(coroutine);
        Py_XDECREF(cell);
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "types.CoroutineType");
        return NULL;
    }
    Py_XSETREF(coroutine_type, (PyTypeObject *)coroutine);
    Py_XSETREF(cell_type, (PyTypeObject *)cell);
    /* The tracer's Task class: where its record slot is (a member descriptor), and asyncio's own
     * Task.__init__ it calls. */
    PyObject *task = PyDict_GetItemString(namespace, "Task");
    PyObject *base = PyDict_GetItemString(namespace, "_BaseTask");
    if (task != NULL && PyType_Check(task) && base != NULL && PyType_Check(base)) {
        PyObject *slot = PyDict_GetItemString(((PyTypeObject *)task)->tp_dict, "_gatherlab");
        if (slot != NULL && Py_IS_TYPE(slot, &PyMemberDescr_Type)) {
            PyMemberDef *member = ((PyMemberDescrObject *)slot)->d_member;
            if (member->type == T_OBJECT_EX) {
                Py_XSETREF(task_type, (PyTypeObject *)Py_NewRef(task));
                record_offset = member->offset;
            }
        }
        base_init = ((PyTypeObject *)base)->tp_init;
    }
    Py_RETURN_NONE;
}

/* install_init(Task): Task.__init__ becomes the C one (the Python one stays the tracer's
 * _task_init_py, for every call but the common one). */
static PyObject *install_init(PyObject *module, PyObject *task) {
    if (!PyType_Check(task) || (PyTypeObject *)task != task_type || base_init == NULL) {
        PyErr_SetString(PyExc_TypeError, "install_init(Task) after setup(globals())");
        return NULL;
    }
    PyObject *function = PyCFunction_New(&task_init_method, NULL);
    if (function == NULL)
        return NULL;
    PyObject *method = PyInstanceMethod_New(function);
    Py_DECREF(function);
    if (method == NULL)
        return NULL;
    int status = PyObject_SetAttrString(task, "__init__", method);
    Py_DECREF(method);
    if (status < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"setup", setup, METH_O, "setup(globals()): the tracer whose globals these functions read."},
    {"install_init", install_init, METH_O, "install_init(Task): its __init__ in C."},
    {"label", label, METH_O, "_label(coro)"},
    {"started", started, METH_O, "_started(info)"},
    {"ended", (PyCFunction)(void (*)(void))ended, METH_FASTCALL, "_ended(task, info)"},
    {"awaits", (PyCFunction)(void (*)(void))awaits, METH_FASTCALL, "_awaits(task, info, began, end, took)"},
    {"step_start", step_start, METH_O, "step_start(handle) -> (task, info) or None"},
    {"step_end", (PyCFunction)(void (*)(void))step_end, METH_FASTCALL, "step_end(token, began)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT, "_gatherlab_speedups", "The tracer's hot paths in C (see _gatherlab_trace.py).", -1, methods,
};

#define INTERN(variable, text)                                  \
    do {                                                        \
        if ((variable = PyUnicode_InternFromString(text)) == NULL) \
            return NULL;                                        \
    } while (0)

PyMODINIT_FUNC PyInit__gatherlab_speedups(void) {
    INTERN(n_put, "_put");
    INTERN(n_queue, "_queue");
    INTERN(n_flush, "_flush");
    INTERN(n_monotonic, "_monotonic");
    INTERN(n_start, "_start");
    INTERN(n_settle, "_settle");
    INTERN(n_quote, "_quote");
    INTERN(n_show, "_show");
    INTERN(n_user_code, "_user_code");
    INTERN(n_argument_names, "_argument_names");
    INTERN(n_plan_of, "_plan_of");
    INTERN(n_LOCALS_FROM, "_LOCALS_FROM");
    INTERN(n_CODE_AT, "_CODE_AT");
    INTERN(n_sleep_code, "_sleep_code");
    INTERN(n_sleep_labels, "_sleep_labels");
    INTERN(n_wait_label, "_wait_label");
    INTERN(n_ended_py, "_ended_py");
    INTERN(n_result_text, "_result_text");
    INTERN(n_label_py, "_label_py");
    INTERN(n_StepWrapper, "_StepWrapper");
    INTERN(n_learn_step, "_learn_step");
    INTERN(a_gatherlab, "_gatherlab");
    INTERN(a_cr_code, "cr_code");
    INTERN(a_cr_await, "cr_await");
    INTERN(a_cancelled, "cancelled");
    INTERN(a_exception, "_exception");
    INTERN(a_result, "_result");
    INTERN(a_coro, "_coro");
    INTERN(a_fut_waiter, "_fut_waiter");
    INTERN(a_done, "done");
    INTERN(a_callback, "_callback");
    INTERN(a_self, "__self__");
    INTERN(s_comma_space, ", ");
    INTERN(n_task_init_py, "_task_init_py");
    INTERN(n_get_running_loop, "_get_running_loop");
    INTERN(n_ready_loops, "_ready_loops");
    INTERN(n_creating_gather, "_creating_gather");
    INTERN(n_creating_group, "_creating_group");
    INTERN(n_given_name, "_given_name");
    INTERN(n_task_ids, "_task_ids");
    INTERN(n_current_of, "_current_of");
    INTERN(n_made_where, "_made_where");
    INTERN(a_debug, "_debug");
    INTERN(k_loop, "loop");
    INTERN(k_name, "name");
    INTERN(k_context, "context");
    return PyModule_Create(&speedups_module);
}
