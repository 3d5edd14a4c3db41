#pragma once

namespace finops {

// Compensated (Kahan–Neumaier) summation: adding many small costs to a large total keeps
// the cents right where naive double addition drifts.
class KahanSum
{
public:
    void add(double x)
    {
        const double t = m_sum + x;
        if ((m_sum >= 0 ? m_sum : -m_sum) >= (x >= 0 ? x : -x))
            m_compensation += (m_sum - t) + x;
        else
            m_compensation += (x - t) + m_sum;
        m_sum = t;
    }
    double value() const { return m_sum + m_compensation; }

private:
    double m_sum = 0;
    double m_compensation = 0;
};

} // namespace finops
