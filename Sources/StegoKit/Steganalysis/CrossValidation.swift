/// Leave-one-group-out cross-validation of a `TrainedDetector`: every group (one cover image
/// and the stego images made from it) is scored by a detector trained on all the other groups,
/// so no image's cover is in training while its stego is tested, nor the reverse.
public enum CrossValidation {
    public struct Group: Sendable {
        /// Feature rows of the group's stego samples and clean samples.
        public var positives: [[Double]], negatives: [[Double]]
        public init(positives: [[Double]], negatives: [[Double]]) {
            self.positives = positives
            self.negatives = negatives
        }
    }

    /// Out-of-fold scores, group by group.
    public static func scores(_ groups: [Group]) -> [(positives: [Double], negatives: [Double])] {
        precondition(groups.count >= 2, "cross-validation needs at least two groups")
        return groups.indices.map { held in
            let training = groups.indices.filter { $0 != held }.map { groups[$0] }
            let detector = TrainedDetector.train(positives: training.flatMap(\.positives), negatives: training.flatMap(\.negatives))
            return (groups[held].positives.map { detector.score(features: $0) }, groups[held].negatives.map { detector.score(features: $0) })
        }
    }

    /// The cross-validated AUC with its bootstrap interval over groups.
    public static func auc(_ groups: [Group]) -> ROC.Estimate { ROC.aucWithInterval(groups: scores(groups)) }
}
