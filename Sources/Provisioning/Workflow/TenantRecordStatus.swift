import AWSModels

/// The tenant record's status byte: PENDING when the API creates it, the number of steps
/// done while workers advance it, ACTIVE or FAILED at the end. Progress lives in the record,
/// so a redelivered message resumes where the last run stopped.
enum TenantRecordStatus {
    static let pending = DynamoDBItemStatus.pending
    static let active = DynamoDBItemStatus.active
    static let failed = DynamoDBItemStatus.failed
    private static let stepsDoneBase: UInt8 = 16

    /// The status once `done` of `total` steps are done.
    static func after(steps done: Int, of total: Int) -> UInt8 {
        if done == 0 { return pending }
        if done == total { return active }
        return stepsDoneBase + UInt8(done)
    }

    /// Steps done, for a record still in progress; nil for a final (or unknown) status.
    static func stepsDone(_ status: UInt8) -> Int? {
        if status == pending { return 0 }
        return status > stepsDoneBase ? Int(status - stepsDoneBase) : nil
    }

    static func isFinal(_ status: UInt8) -> Bool {
        status == active || status == failed
    }
}
