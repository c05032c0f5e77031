// Machine reference points for the benchmark report: the single-core FMA peak and the cost of an empty native call.
#include <immintrin.h>
#include <Eigen/Core>
#include <cstdio>

extern "C" int nb_noop(int x) { return x; }

// FMAs on independent accumulators (no dependency chain longer than iterations), 16 lanes x 16 accumulators per
// iteration for AVX-512, 8 x 16 for AVX2: FLOPs = iterations * 16 * lanes * 2.
#define NB_FMA_KERNEL(NAME, TARGET, VEC, SET1, FMA, ADD, STORE, LANES)                                                 \
    extern "C" __attribute__((target(TARGET))) float NAME(long iterations) {                                          \
        VEC a = SET1(0.999999f), b = SET1(1e-7f);                                                                      \
        VEC c0 = SET1(0.0f), c1 = SET1(0.1f), c2 = SET1(0.2f), c3 = SET1(0.3f), c4 = SET1(0.4f), c5 = SET1(0.5f);      \
        VEC c6 = SET1(0.6f), c7 = SET1(0.7f), c8 = SET1(0.8f), c9 = SET1(0.9f), c10 = SET1(1.0f), c11 = SET1(1.1f);    \
        VEC c12 = SET1(1.2f), c13 = SET1(1.3f), c14 = SET1(1.4f), c15 = SET1(1.5f);                                    \
        for (long i = 0; i < iterations; i++) {                                                                        \
            c0 = FMA(c0, a, b); c1 = FMA(c1, a, b); c2 = FMA(c2, a, b); c3 = FMA(c3, a, b);                            \
            c4 = FMA(c4, a, b); c5 = FMA(c5, a, b); c6 = FMA(c6, a, b); c7 = FMA(c7, a, b);                            \
            c8 = FMA(c8, a, b); c9 = FMA(c9, a, b); c10 = FMA(c10, a, b); c11 = FMA(c11, a, b);                        \
            c12 = FMA(c12, a, b); c13 = FMA(c13, a, b); c14 = FMA(c14, a, b); c15 = FMA(c15, a, b);                    \
            __asm__ volatile("" : "+v"(c0), "+v"(c1), "+v"(c2), "+v"(c3), "+v"(c4), "+v"(c5), "+v"(c6), "+v"(c7));     \
        }                                                                                                              \
        VEC s = ADD(ADD(ADD(ADD(c0, c1), ADD(c2, c3)), ADD(ADD(c4, c5), ADD(c6, c7))),                                 \
                    ADD(ADD(ADD(c8, c9), ADD(c10, c11)), ADD(ADD(c12, c13), ADD(c14, c15))));                          \
        alignas(64) float out[LANES];                                                                                  \
        STORE(out, s);                                                                                                 \
        return out[0];                                                                                                 \
    }

NB_FMA_KERNEL(nb_fma_avx512, "avx512f", __m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps, _mm512_store_ps, 16)
NB_FMA_KERNEL(nb_fma_avx2, "avx2,fma", __m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps, _mm256_store_ps, 8)

extern "C" int nb_has_avx512f() { return __builtin_cpu_supports("avx512f") ? 1 : 0; }
extern "C" int nb_has_fma() { return __builtin_cpu_supports("fma") ? 1 : 0; }

// "g++ 12.2.0; Eigen 3.4.0 (SSE, ..., AVX512)": what the native side was built with.
extern "C" const char* nb_native_info() {
    static char info[512];
    std::snprintf(info, sizeof info, "g++ %s; Eigen %d.%d.%d (%s); flags: %s", __VERSION__, EIGEN_WORLD_VERSION,
                  EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION, Eigen::SimdInstructionSetsInUse(), NB_CXXFLAGS);
    return info;
}
