/* _gatherlab_speedups: the tracer's hot paths in C (issue 20's and 21's cost bars), for the
 * CPython versions it is built for. _gatherlab_trace.py stays the reference: it uses these
 * functions when the module imports, and its own Python otherwise. (Being written.) */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT, "_gatherlab_speedups", NULL, -1, NULL,
};

PyMODINIT_FUNC PyInit__gatherlab_speedups(void) {
    return PyModule_Create(&speedups_module);
}
