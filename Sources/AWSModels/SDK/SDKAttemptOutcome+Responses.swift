extension SDKAttemptOutcome {
    /// How the SDK classifies a DynamoDB answer: throttles are retried, a failed condition is not.
    public init(_ response: DynamoDBResponse) {
        switch response.outcome {
        case .success: self = .success
        case .throttled: self = .throttled
        case .conditionalCheckFailed, .transactionCanceled: self = .nonRetryableError
        }
    }

    /// How the SDK classifies an SQS answer: `ThrottlingException` is retried; `OverLimit`,
    /// `MessageNotInflight` and `InvalidParameterValue` are not.
    public init(_ status: SQSStatus) {
        switch status {
        case .ok: self = .success
        case .throttled: self = .throttled
        case .overLimit, .messageNotInflight, .invalidParameterValue: self = .nonRetryableError
        }
    }
}
