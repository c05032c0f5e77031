using System;

namespace NetGen
{
    /// <summary>Conversions between a network's element type (float or double) and double, for the generic helpers.</summary>
    internal static class Scalar<T>
        where T : unmanaged
    {
        public static readonly Func<T, double> ToDouble;
        public static readonly Func<double, T> FromDouble;

        static Scalar()
        {
            if (typeof(T) == typeof(float))
            {
                ToDouble = (Func<T, double>)(object)(Func<float, double>)(x => x);
                FromDouble = (Func<double, T>)(object)(Func<double, float>)(x => (float)x);
            }
            else if (typeof(T) == typeof(double))
            {
                ToDouble = (Func<T, double>)(object)(Func<double, double>)(x => x);
                FromDouble = (Func<double, T>)(object)(Func<double, double>)(x => x);
            }
            else
            {
                throw new NotSupportedException("NetGen networks use float or double, not " + typeof(T).Name + ".");
            }
        }
    }
}
