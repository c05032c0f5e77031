// Setup helpers for the FANN side of the benchmark: things FANN 2.2's public API can only do slowly
// (fann_set_weight_array is O(connections^2)) or through its struct layout. Compiled against the installed
// <floatfann.h>, so the struct layout is the installed library's. The timed calls (fann_train, fann_run,
// fann_train_epoch) go straight from C# to libfloatfann; nothing here is timed.
#include <floatfann.h>
#include <cstring>

// The enum values mirrored in Fann.cs.
static_assert(FANN_SIGMOID == 3, "Fann.cs: Sigmoid");
static_assert(FANN_SIGMOID_SYMMETRIC == 5, "Fann.cs: SigmoidSymmetric");
static_assert(FANN_ERRORFUNC_LINEAR == 0, "Fann.cs: ErrorFunctionLinear");
static_assert(FANN_TRAIN_INCREMENTAL == 0 && FANN_TRAIN_BATCH == 1, "Fann.cs: training algorithms");
static_assert(sizeof(fann_type) == sizeof(float), "the float build of FANN");
static_assert(sizeof(struct fann_connection) == 12, "Fann.cs: FannConnection");

// The weight array, in the order of fann_get_connection_array (fann_get_total_connections entries).
extern "C" float* nb_fann_weights(struct fann* ann) { return ann->weights; }

// A training set of n examples from flat example-major arrays; free with fann_destroy_train.
extern "C" struct fann_train_data* nb_fann_create_train(unsigned n, unsigned inputs, unsigned outputs, const float* x,
                                                        const float* y) {
    struct fann_train_data* data = fann_create_train(n, inputs, outputs);
    if (data == nullptr) return nullptr;
    for (unsigned i = 0; i < n; i++) {
        std::memcpy(data->input[i], x + (size_t)i * inputs, inputs * sizeof(float));
        std::memcpy(data->output[i], y + (size_t)i * outputs, outputs * sizeof(float));
    }
    return data;
}
