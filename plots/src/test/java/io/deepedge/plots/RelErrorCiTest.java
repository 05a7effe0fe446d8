package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 95 % interval of rel_error (Fieller) and the bounds it puts on a metric's median and worst |rel_error|. The
 * expected values come from closed forms worked out here: with a constant real side Fieller's interval is the
 * simulated mean's Student-t interval over the real mean; otherwise its ends are where the pivot
 * {@code (sim - q real)^2 = t^2 (se_sim^2 + q^2 se_real^2)} holds with equality.
 */
class RelErrorCiTest {
    private static final double T2 = TQuantiles.T2;
    /** Commons Math inverts the t distribution to about 1e-9 of the quantile. */
    private static final double TOL = 1e-8;

    private static ValidationRow row(double[] sim, double[] real) {
        return new ValidationRow(List.of(), "p", ValidationMetric.RETRAIN_TIME_SEC, "", "",
                MeanCi.of(DoubleArrayList.wrap(sim)), MeanCi.of(DoubleArrayList.wrap(real)), SameSeedPairs.NONE);
    }

    @Test
    void withAConstantRealSideItIsTheSimulatedMeansIntervalOverTheRealMean() {
        // sim 1, 2, 3: mean 2, s = 1, SE = 1 / sqrt 3, df 2; real 4, 4, 4
        RelErrorCi ci = row(new double[] {1, 2, 3}, new double[] {4, 4, 4}).relErrorCi95();
        assertEquals((2 - T2 / Math.sqrt(3)) / 4 - 1, ci.lo(), TOL);
        assertEquals((2 + T2 / Math.sqrt(3)) / 4 - 1, ci.hi(), TOL);
        // it holds -0.5, the point estimate, and so its least |error| is 0
        assertEquals(0, ci.absLo());
        assertEquals(1 - (2 - T2 / Math.sqrt(3)) / 4, ci.absHi(), TOL);
        // validation.csv's rel_error_lo and rel_error_hi, after sign_test_p
        Map<ValidationMetric, Integer> sixRows = Map.of(ValidationMetric.RETRAIN_TIME_SEC, 6);
        List<String> cells = ValidationTable.cells(row(new double[] {1, 2, 3}, new double[] {4, 4, 4}), sixRows,
                Numbers::exact);
        int lo = ValidationTable.COLUMNS.indexOf("rel_error_lo");
        assertEquals(ValidationTable.COLUMNS.indexOf("sign_test_p") + 1, lo);
        assertEquals((2 - T2 / Math.sqrt(3)) / 4 - 1, Double.parseDouble(cells.get(lo)), TOL);
        assertEquals((2 + T2 / Math.sqrt(3)) / 4 - 1, Double.parseDouble(cells.get(lo + 1)), TOL);
        // unbounded and undefined intervals are empty cells
        List<String> wide = ValidationTable.cells(row(new double[] {1, 2, 3}, new double[] {1, 2, 100}), sixRows,
                Numbers::exact);
        assertEquals(List.of("", ""), wide.subList(lo, lo + 2));
        // the joint columns follow: the metric's 6 rows, and the interval at 1 - 0.05 / 6, t(1 - 0.025 / 6, 2)
        double tJoint = TQuantiles.t2(1 - 0.025 / 6);
        assertEquals(List.of("joint_rows", "rel_error_lo_joint", "rel_error_hi_joint"),
                ValidationTable.COLUMNS.subList(lo + 2, lo + 5));
        assertEquals("6", cells.get(lo + 2));
        assertEquals((2 - tJoint / Math.sqrt(3)) / 4 - 1, Double.parseDouble(cells.get(lo + 3)), TOL);
        assertEquals((2 + tJoint / Math.sqrt(3)) / 4 - 1, Double.parseDouble(cells.get(lo + 4)), TOL);
        // a metric without rows to count (not in the map) has no joint interval
        assertEquals(List.of("", "", ""), ValidationTable.cells(row(new double[] {1, 2, 3}, new double[] {4, 4, 4}),
                Map.of(), Numbers::exact).subList(lo + 2, lo + 5));
    }

    @Test
    void itsEndsAreWhereThePivotMeetsItsQuantile() {
        // sim 1, 2, 3: mean 2, SE^2 = 1/3; real 2, 4, 6: mean 4, SE^2 = 4/3; at the ratio 1/2 both sides weigh
        // 1/3, so Welch-Satterthwaite gives (2/3)^2 / (2 (1/3)^2 / 2) = 4 degrees of freedom
        RelErrorCi ci = row(new double[] {1, 2, 3}, new double[] {2, 4, 6}).relErrorCi95();
        double t = TQuantiles.t4();
        for (double q : new double[] {1 + ci.lo(), 1 + ci.hi()}) {
            double lhs = Math.pow(2 - q * 4, 2);
            double rhs = t * t * (1.0 / 3 + q * q * 4.0 / 3);
            assertEquals(rhs, lhs, 1e-9 * rhs, "q = " + q);
        }
        assertTrue(ci.lo() < -0.5 && -0.5 < ci.hi(), ci.toString());
        // the pivot is a quadratic in q: its roots by hand, a = 16 - t^2 4/3, b = 8, c = 4 - t^2/3
        double a = 16 - t * t * 4 / 3;
        double c = 4 - t * t / 3;
        assertEquals((8 - Math.sqrt(64 - a * c)) / a - 1, ci.lo(), TOL);
        assertEquals((8 + Math.sqrt(64 - a * c)) / a - 1, ci.hi(), TOL);
    }

    @Test
    void itIsWiderThanTheDifferencesIntervalOverTheRealMeanWhenTheRealMeanVaries() {
        // the same spread on both sides: the denominator's uncertainty widens the interval
        ValidationRow r = row(new double[] {9, 10, 11}, new double[] {9, 10, 11});
        RelErrorCi ci = r.relErrorCi95();
        double naive = r.diffCi95() / 10;
        assertTrue(ci.hi() > naive, ci + " against +-" + naive);
        assertTrue(ci.lo() < 0 && ci.lo() > -naive, ci + " against +-" + naive); // a ratio's interval leans up
    }

    @Test
    void aRealMeanNotToldApartFromZeroLeavesItUnboundedAndOneRunUndefined() {
        // real 1, 2, 100: mean 34.3, SE 32.8, t(0.975, 2) SE = 141 > 34.3
        ValidationRow wide = row(new double[] {1, 2, 3}, new double[] {1, 2, 100});
        assertEquals(RelErrorCi.UNBOUNDED, wide.relErrorCi95());
        assertEquals(0, wide.relErrorCi95().absLo());
        assertEquals(Double.POSITIVE_INFINITY, wide.relErrorCi95().absHi());
        assertFalse(row(new double[] {1}, new double[] {4, 4, 4}).relErrorCi95().defined());
        assertFalse(row(new double[] {1, 2}, new double[] {0, 0}).relErrorCi95().defined()); // no rel_error
        // neither side varies: the point itself
        RelErrorCi exact = row(new double[] {5, 5}, new double[] {4, 4}).relErrorCi95();
        assertEquals(new RelErrorCi(0.25, 0.25), exact);
    }

    @Test
    void itCoversTheTrueRelativeErrorInAbout95PerCentOfRepeatedStudies() {
        // 4,000 studies of 4 runs a side, normal runs around 11 (sd 1) and 10 (sd 2): the true rel_error is 0.1.
        // The binomial sd of the coverage is 0.0034, so [0.93, 0.97] is about 6 sd wide each way.
        SplittableRandom random = new SplittableRandom(20261204);
        int covered = 0;
        int studies = 4000;
        for (int k = 0; k < studies; k++) {
            RelErrorCi ci = drawnRow(random).relErrorCi95();
            if (ci.lo() <= 0.1 && 0.1 <= ci.hi()) {
                covered++;
            }
        }
        double coverage = (double) covered / studies;
        assertTrue(coverage > 0.93 && coverage < 0.97, "coverage " + coverage);
    }

    @Test
    void theJointBoundsHoldTogetherWhereTheRowByRowReadingDoesNot() {
        // 4,000 studies of six rows, each row 4 runs a side around 11 (sd 1) and 10 (sd 2): every row's true
        // rel_error is 0.1, so the true median and max |rel_error| are both 0.1. Worked out apart from the code:
        // six independent 95 % intervals all hold in 0.95^6 = 73.5 % of studies, and a row's interval lies wholly
        // above its truth in about 2.5 %, so the largest lower end exceeds the true max in 1 - 0.975^6 = 14.1 % (a
        // false "missed"); at 1 - 0.05 / 6 each, all hold in (1 - 0.05 / 6)^6 = 95.1 % (Bonferroni: at least 95 %
        // whatever the dependence), a false "missed" 1 - (1 - 0.025 / 6)^6 = 2.5 %. Binomial sd over 4,000 studies:
        // 0.7 %, 0.55 %, 0.34 % and 0.25 %, so the limits below lie at least 4 sd from those figures.
        SplittableRandom random = new SplittableRandom(20261205);
        int studies = 4000;
        int allRowByRow = 0;
        int allJoint = 0;
        int falseMissRowByRow = 0;
        int falseMissJoint = 0;
        int boundsMissJoint = 0;
        for (int k = 0; k < studies; k++) {
            List<ValidationRow> rows = new ArrayList<>();
            for (int j = 0; j < 6; j++) {
                rows.add(drawnRow(random));
            }
            allRowByRow += rows.stream().allMatch(r -> covers(r.relErrorCi95())) ? 1 : 0;
            allJoint += rows.stream().allMatch(r -> covers(r.relErrorCi(1 - 0.05 / 6))) ? 1 : 0;
            ValidationTable.ErrorBounds rowByRow = ValidationTable.ErrorBounds.of(rows);
            ValidationTable.ErrorBounds joint = ValidationTable.ErrorBounds.jointly(rows);
            falseMissRowByRow += rowByRow.maxLo() > 0.1 ? 1 : 0;
            falseMissJoint += joint.maxLo() > 0.1 ? 1 : 0;
            boundsMissJoint += joint.maxLo() > 0.1 || joint.maxHi() < 0.1 || joint.medianLo() > 0.1
                    || joint.medianHi() < 0.1 ? 1 : 0;
        }
        double rowByRowCoverage = (double) allRowByRow / studies;
        double jointCoverage = (double) allJoint / studies;
        assertTrue(rowByRowCoverage > 0.69 && rowByRowCoverage < 0.80, "row by row, all six: " + rowByRowCoverage);
        assertTrue(jointCoverage > 0.93 && jointCoverage < 0.97, "jointly, all six: " + jointCoverage);
        assertTrue((double) falseMissRowByRow / studies > 0.10, "row by row, max missed: " + falseMissRowByRow);
        assertTrue((double) falseMissJoint / studies < 0.04, "jointly, max missed: " + falseMissJoint);
        // the joint bounds of the median and the max hold whenever all intervals do
        assertTrue(boundsMissJoint <= studies - allJoint, boundsMissJoint + " against " + (studies - allJoint));
    }

    private static boolean covers(RelErrorCi ci) {
        return ci.lo() <= 0.1 && 0.1 <= ci.hi();
    }

    /** A row of 4 normal runs a side around 11 (sd 1) and 10 (sd 2): its true rel_error is 0.1. */
    private static ValidationRow drawnRow(SplittableRandom random) {
        double[] sim = new double[4];
        double[] real = new double[4];
        for (int i = 0; i < 4; i++) {
            sim[i] = 11 + gaussian(random);
            real[i] = 10 + 2 * gaussian(random);
        }
        return row(sim, real);
    }

    /** Box-Muller, so the draws depend on nothing but the seed. */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void theMetricsBoundsTakeEachRowAnywhereInItsInterval() {
        // real constant, so each row's interval is (10 +- t(2) 0.1 / sqrt 3) / real - 1 with sim 9.9, 10, 10.1
        double h = T2 * 0.1 / Math.sqrt(3);
        double[] sim = {9.9, 10, 10.1};
        List<ValidationRow> rows = List.of(row(sim, new double[] {8, 8, 8}), row(sim, new double[] {10, 10, 10}),
                row(sim, new double[] {12.5, 12.5, 12.5}));
        // |error| ranges: [0.25 - h/8, 0.25 + h/8], [0, h/10], [0.2 - h/12.5, 0.2 + h/12.5]
        ValidationTable.ErrorBounds b = ValidationTable.errors(rows).get(0).bounds();
        assertEquals(0.2 - h / 12.5, b.medianLo(), TOL);
        assertEquals(0.2 + h / 12.5, b.medianHi(), TOL);
        assertEquals(0.25 - h / 8, b.maxLo(), TOL);
        assertEquals(0.25 + h / 8, b.maxHi(), TOL);
        // jointly: each interval at 1 - 0.05 / 3, t(1 - 0.025 / 3, 2)
        double hj = TQuantiles.t2(1 - 0.025 / 3) * 0.1 / Math.sqrt(3);
        ValidationTable.ErrorBounds j = ValidationTable.errors(rows).get(0).jointBounds();
        assertEquals(0.2 - hj / 12.5, j.medianLo(), TOL);
        assertEquals(0.2 + hj / 12.5, j.medianHi(), TOL);
        assertEquals(0.25 - hj / 8, j.maxLo(), TOL);
        assertEquals(0.25 + hj / 8, j.maxHi(), TOL);
        // one row of one run: no bounds, as no interval
        List<ValidationRow> withOneRun = List.of(rows.get(0), row(new double[] {3}, new double[] {4, 4}));
        assertFalse(ValidationTable.errors(withOneRun).get(0).bounds().defined());
        assertFalse(ValidationTable.errors(withOneRun).get(0).jointBounds().defined());
    }
}
