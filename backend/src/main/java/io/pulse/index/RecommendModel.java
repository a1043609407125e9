package io.pulse.index;

import io.pulse.api.Parameter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * A linear regression of RECOMMEND on the six other parameters (all normalised 0–100), fitted on a
 * brand's answers: how many points of RECOMMEND one more point of a parameter goes with, the others
 * held equal. Customers rate subsets of the parameters, so it is fitted from <em>pairwise</em>
 * covariances (each from the answers that rate both): the normal equations Σ_xx·β = Σ_xy, R² =
 * β·Σ_xy / var(RECOMMEND).
 *
 * @param coefficients β per parameter (RECOMMEND itself is not among them)
 * @param rSquared the share of RECOMMEND's variance the six explain
 * @param pairs the fewest answers behind any covariance used
 */
public record RecommendModel(Map<Parameter, Double> coefficients, double rSquared, long pairs) {

  /** Fewer answers behind a covariance than this and no model is fitted. */
  public static final int MIN_PAIRS = 30;

  /** The predictors, in a fixed order. */
  public static final List<Parameter> PREDICTORS =
      List.of(
          Parameter.CONSULTATION,
          Parameter.COMMUNICATION,
          Parameter.VISIT,
          Parameter.SPEED,
          Parameter.CAR,
          Parameter.RETURN);

  public RecommendModel {
    coefficients = Map.copyOf(coefficients);
  }

  /** One pairwise covariance (normalised scores) and how many answers rated both. */
  public record Covariance(double value, long pairs) {}

  /** A covariance lookup: cov(a, b) over answers rating both, or null if none. */
  public interface Covariances {
    @Nullable Covariance of(Parameter a, Parameter b);
  }

  /**
   * Fits the model, or null when some covariance rests on fewer than {@link #MIN_PAIRS} answers or
   * the predictors' covariance matrix is not positive definite (a parameter nobody varies).
   */
  public static @Nullable RecommendModel fit(Covariances covariances) {
    int k = PREDICTORS.size();
    double[][] xx = new double[k][k];
    double[] xy = new double[k];
    long fewest = Long.MAX_VALUE;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        Covariance c = covariances.of(PREDICTORS.get(i), PREDICTORS.get(j));
        if (c == null || c.pairs() < MIN_PAIRS) {
          return null;
        }
        xx[i][j] = c.value();
        fewest = Math.min(fewest, c.pairs());
      }
      Covariance c = covariances.of(PREDICTORS.get(i), Parameter.RECOMMEND);
      if (c == null || c.pairs() < MIN_PAIRS) {
        return null;
      }
      xy[i] = c.value();
      fewest = Math.min(fewest, c.pairs());
    }
    Covariance yy = covariances.of(Parameter.RECOMMEND, Parameter.RECOMMEND);
    if (yy == null || yy.pairs() < MIN_PAIRS || yy.value() <= 0) {
      return null;
    }
    double[] beta;
    try {
      RealMatrix m = new Array2DRowRealMatrix(xx, false);
      beta = new CholeskyDecomposition(m).getSolver().solve(new ArrayRealVector(xy)).toArray();
    } catch (NonPositiveDefiniteMatrixException
        | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
      return null;
    }
    double explained = 0;
    Map<Parameter, Double> out = new EnumMap<>(Parameter.class);
    for (int i = 0; i < k; i++) {
      out.put(PREDICTORS.get(i), beta[i]);
      explained += beta[i] * xy[i];
    }
    // Pairwise covariances can make R² stray slightly outside [0, 1]; it is a share.
    double r2 = Math.max(0, Math.min(1, explained / yy.value()));
    return new RecommendModel(out, r2, fewest);
  }

  /** β of a predictor; 0 for RECOMMEND itself. */
  public double coefficient(Parameter p) {
    return coefficients.getOrDefault(p, 0.0);
  }
}
