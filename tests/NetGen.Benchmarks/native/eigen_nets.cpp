// Fixed-size Eigen implementation of the benchmark networks: the same online SGD step, inference and batch
// gradient step as NetGen's generated TrainStep / Forward / (Backward x m + ApplyGradients(eta, m)), written the
// way an Eigen user would (matrix-vector products for one example, matrix-matrix products for a batch), with every
// dimension a compile-time constant. Our own code, not part of NetGen; built by ../build-native.sh.
//
// Parameter layout (the NetGen/PyTorch layout): per layer, W as [out x in] row-major, then b[out].
// Loss: E = 1/2 sum_j (g_j - y_j)^2. Hidden activation: sigmoid or tanh; output: sigmoid.

// Fixed-size matrices of the 784-input networks (up to 784 x 256 floats) live inside the heap-allocated network
// object, never on the stack; this only switches off Eigen's compile-time size check for fixed-size objects.
#define EIGEN_STACK_ALLOCATION_LIMIT 0
#include <Eigen/Dense>
#include <cstring>
#include <new>
#include <type_traits>

namespace nb {

enum class Act { Sigmoid, Tanh };

// Eigen requires RowMajor for a 1 x n matrix and ColMajor for an n x 1 one.
template <int R, int C, int Preferred>
constexpr int storage() { return (R == 1 && C != 1) ? Eigen::RowMajor : (C == 1 && R != 1) ? Eigen::ColMajor : Preferred; }

template <int R, int C> using RowMat = Eigen::Matrix<float, R, C, storage<R, C, Eigen::RowMajor>()>;  // weights
template <int R, int C> using ColMat = Eigen::Matrix<float, R, C, storage<R, C, Eigen::ColMajor>()>;  // one example per column
template <int N> using Vec = Eigen::Matrix<float, N, 1>;

template <Act A> struct F;
template <> struct F<Act::Sigmoid> {
    template <class M> static void apply(M& z) { z = (1.0f / (1.0f + (-z.array()).exp())).matrix(); }
    template <class M> static auto derivative(const M& a) { return a.array() * (1.0f - a.array()); }  // a(1 - a)
};
template <> struct F<Act::Tanh> {
    template <class M> static void apply(M& z) { z = z.array().tanh().matrix(); }
    template <class M> static auto derivative(const M& a) { return 1.0f - a.array().square(); }        // 1 - a^2
};

// One fully connected layer with its per-example (a, d) and per-batch (A, D) buffers.
template <int In, int Out, Act A, int B>
struct Layer {
    static constexpr int ParameterCount = Out * In + Out;
    // Weight storage: the faster of Eigen's two layouts for this layer, measured (online step, one run each on the
    // Zen 5): row-major for matrices up to the L1-sized 16,384 entries (64-32-10 236 ns row-major, 339 ns
    // column-major), column-major beyond (784-128-10 8.17 -> 5.67 us, 784-256-128-10 20.1 -> 17.4 us), so the suite
    // compares NetGen with the stronger Eigen. Load and store still map the row-major [out x in] parameter layout.
    std::conditional_t<(In * Out > 16384), ColMat<Out, In>, RowMat<Out, In>> W;
    Vec<Out> b;
    Vec<Out> a, d;        // activation and error delta of one example
    ColMat<Out, B> As, Ds; // the same for a batch of B examples, one per column

    void load(const float* p) {
        W = Eigen::Map<const RowMat<Out, In>>(p);
        b = Eigen::Map<const Vec<Out>>(p + Out * In);
    }
    void store(float* p) const {
        Eigen::Map<RowMat<Out, In>> w(p);
        Eigen::Map<Vec<Out>> bias(p + Out * In);
        w = W;
        bias = b;
    }

    template <class X> void forward(const X& x) {
        a.noalias() = W * x;
        a += b;
        F<A>::apply(a);
    }
    template <class X> void forwardBatch(const X& x) {
        As.noalias() = W * x;
        As.colwise() += b;
        F<A>::apply(As);
    }

    // Output layer: d = (g - y) .* f'(a); returns E.
    template <class Y> float outputDelta(const Y& y) {
        Vec<Out> e = a - y;
        d = (e.array() * F<A>::derivative(a)).matrix();
        return 0.5f * e.squaredNorm();
    }
    template <class Y> float outputDeltaBatch(const Y& y) {
        ColMat<Out, B> e = As - y;
        Ds = (e.array() * F<A>::derivative(As)).matrix();
        return 0.5f * e.squaredNorm();
    }

    // Hidden layer: d = (W_next^T d_next) .* f'(a), with W_next before its update.
    template <class N> void hiddenDelta(const N& next) {
        d = ((next.W.transpose() * next.d).array() * F<A>::derivative(a)).matrix();
    }
    template <class N> void hiddenDeltaBatch(const N& next) {
        Ds = ((next.W.transpose() * next.Ds).array() * F<A>::derivative(As)).matrix();
    }

    // W -= eta d x^T, b -= eta d.
    template <class X> void update(const X& x, float eta) {
        W.noalias() -= (eta * d) * x.transpose();
        b.noalias() -= eta * d;
    }
    // W -= (eta / m) D X^T, b -= (eta / m) D 1.
    template <class X> void updateBatch(const X& x, float eta) {
        const float s = eta / B;
        W.noalias() -= (s * Ds) * x.transpose();
        b.noalias() -= s * Ds.rowwise().sum();
    }
};

// I - H - O.
template <int I, int H, int O, Act HA, int B>
struct Net2 {
    static constexpr int InputCount = I, OutputCount = O, BatchSize = B;
    Layer<I, H, HA, B> l1;
    Layer<H, O, Act::Sigmoid, B> l2;
    static constexpr int ParameterCount = decltype(l1)::ParameterCount + decltype(l2)::ParameterCount;

    void load(const float* p) { l1.load(p); l2.load(p + l1.ParameterCount); }
    void store(float* p) const { l1.store(p); l2.store(p + l1.ParameterCount); }

    void forward(const float* xp, float* out) {
        Eigen::Map<const Vec<I>> x(xp);
        l1.forward(x);
        l2.forward(l1.a);
        Eigen::Map<Vec<O>> g(out);
        g = l2.a;
    }
    float trainStep(const float* xp, const float* yp, float eta) {
        Eigen::Map<const Vec<I>> x(xp);
        Eigen::Map<const Vec<O>> y(yp);
        l1.forward(x);
        l2.forward(l1.a);
        float loss = l2.outputDelta(y);
        l1.hiddenDelta(l2);
        l2.update(l1.a, eta);
        l1.update(x, eta);
        return loss;
    }
    float batchStep(const float* xp, const float* yp, float eta) {
        Eigen::Map<const ColMat<I, B>> x(xp);
        Eigen::Map<const ColMat<O, B>> y(yp);
        l1.forwardBatch(x);
        l2.forwardBatch(l1.As);
        float loss = l2.outputDeltaBatch(y);
        l1.hiddenDeltaBatch(l2);
        l2.updateBatch(l1.As, eta);
        l1.updateBatch(x, eta);
        return loss;
    }
};

// I - H1 - H2 - O.
template <int I, int H1, int H2, int O, Act HA, int B>
struct Net3 {
    static constexpr int InputCount = I, OutputCount = O, BatchSize = B;
    Layer<I, H1, HA, B> l1;
    Layer<H1, H2, HA, B> l2;
    Layer<H2, O, Act::Sigmoid, B> l3;
    static constexpr int ParameterCount =
        decltype(l1)::ParameterCount + decltype(l2)::ParameterCount + decltype(l3)::ParameterCount;

    void load(const float* p) {
        l1.load(p);
        l2.load(p + l1.ParameterCount);
        l3.load(p + l1.ParameterCount + l2.ParameterCount);
    }
    void store(float* p) const {
        l1.store(p);
        l2.store(p + l1.ParameterCount);
        l3.store(p + l1.ParameterCount + l2.ParameterCount);
    }

    void forward(const float* xp, float* out) {
        Eigen::Map<const Vec<I>> x(xp);
        l1.forward(x);
        l2.forward(l1.a);
        l3.forward(l2.a);
        Eigen::Map<Vec<O>> g(out);
        g = l3.a;
    }
    float trainStep(const float* xp, const float* yp, float eta) {
        Eigen::Map<const Vec<I>> x(xp);
        Eigen::Map<const Vec<O>> y(yp);
        l1.forward(x);
        l2.forward(l1.a);
        l3.forward(l2.a);
        float loss = l3.outputDelta(y);
        l2.hiddenDelta(l3);
        l1.hiddenDelta(l2);
        l3.update(l2.a, eta);
        l2.update(l1.a, eta);
        l1.update(x, eta);
        return loss;
    }
    float batchStep(const float* xp, const float* yp, float eta) {
        Eigen::Map<const ColMat<I, B>> x(xp);
        Eigen::Map<const ColMat<O, B>> y(yp);
        l1.forwardBatch(x);
        l2.forwardBatch(l1.As);
        l3.forwardBatch(l2.As);
        float loss = l3.outputDeltaBatch(y);
        l2.hiddenDeltaBatch(l3);
        l1.hiddenDeltaBatch(l2);
        l3.updateBatch(l2.As, eta);
        l2.updateBatch(l1.As, eta);
        l1.updateBatch(x, eta);
        return loss;
    }
};

}  // namespace nb

// extern "C" entry points, one set per topology: nb_eigen_<op>_<name>. The C# side (EigenNetwork.cs) looks them up
// by name. Topologies and batch sizes must match Topology.cs (the C# side checks the counts at load time).
#define NB_EIGEN_EXPORTS(NAME, ...)                                                                                     \
    using NAME##_net = __VA_ARGS__;                                                                                    \
    extern "C" void* nb_eigen_create_##NAME() { return new NAME##_net(); }                                             \
    extern "C" void nb_eigen_destroy_##NAME(void* h) { delete static_cast<NAME##_net*>(h); }                           \
    extern "C" int nb_eigen_parameter_count_##NAME() { return NAME##_net::ParameterCount; }                            \
    extern "C" int nb_eigen_batch_size_##NAME() { return NAME##_net::BatchSize; }                                      \
    extern "C" void nb_eigen_set_parameters_##NAME(void* h, const float* p) { static_cast<NAME##_net*>(h)->load(p); }  \
    extern "C" void nb_eigen_get_parameters_##NAME(void* h, float* p) { static_cast<NAME##_net*>(h)->store(p); }       \
    extern "C" void nb_eigen_forward_##NAME(void* h, const float* x, float* out) {                                     \
        static_cast<NAME##_net*>(h)->forward(x, out);                                                                  \
    }                                                                                                                  \
    extern "C" float nb_eigen_train_step_##NAME(void* h, const float* x, const float* y, float eta) {                  \
        return static_cast<NAME##_net*>(h)->trainStep(x, y, eta);                                                      \
    }                                                                                                                  \
    extern "C" float nb_eigen_batch_step_##NAME(void* h, const float* x, const float* y, float eta) {                  \
        return static_cast<NAME##_net*>(h)->batchStep(x, y, eta);                                                      \
    }

// build-native.sh compiles this file once per topology (-DNB_PART=0..5, in parallel: the Eigen instantiations of
// the 784-input networks take a while); without NB_PART, one object has all six.
#ifndef NB_PART
#define NB_PART -1
#endif
#define NB_WANT(k) (NB_PART == -1 || NB_PART == (k))

using nb::Act;
#if NB_WANT(0)
NB_EIGEN_EXPORTS(n2_3_1, nb::Net2<2, 3, 1, Act::Sigmoid, 32>)
#endif
#if NB_WANT(1)
NB_EIGEN_EXPORTS(n3_4_3, nb::Net2<3, 4, 3, Act::Sigmoid, 32>)
#endif
#if NB_WANT(2)
NB_EIGEN_EXPORTS(n24_8_2, nb::Net2<24, 8, 2, Act::Tanh, 200>)
#endif
#if NB_WANT(3)
NB_EIGEN_EXPORTS(n64_32_10, nb::Net2<64, 32, 10, Act::Sigmoid, 32>)
#endif
#if NB_WANT(4)
NB_EIGEN_EXPORTS(n784_128_10, nb::Net2<784, 128, 10, Act::Sigmoid, 32>)
#endif
#if NB_WANT(5)
NB_EIGEN_EXPORTS(n784_256_128_10, nb::Net3<784, 256, 128, 10, Act::Sigmoid, 32>)
#endif
