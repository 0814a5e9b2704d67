import Sidecar
import SimKernel

/// The service's test configurations (`test/config/basic_config.yaml`, `wildcard.yaml`).
enum ServiceFixture {
    static func policy(_ requests: UInt32, _ unit: RateLimitUnit, name: String? = nil) -> RateLimitPolicy {
        RateLimitPolicy(requestsPerUnit: requests, unit: unit, name: name)
    }

    static func descriptor(_ pairs: KeyValuePairs<String, String>, hits: UInt64? = nil) -> RateLimitDescriptor {
        RateLimitDescriptor(pairs, hitsAddend: hits)
    }

    static let basic = RateLimitServiceDomain(domain: "test-domain", descriptors: [
        RateLimitServiceDescriptor(key: "key1", value: "value1", descriptors: [
            RateLimitServiceDescriptor(key: "subkey1", rateLimit: policy(5, .second)),
            RateLimitServiceDescriptor(key: "subkey1", value: "subvalue1", rateLimit: policy(10, .second)),
        ]),
        RateLimitServiceDescriptor(key: "key2", rateLimit: policy(20, .minute)),
        RateLimitServiceDescriptor(key: "key2", value: "value2", rateLimit: policy(30, .minute)),
        RateLimitServiceDescriptor(key: "key2", value: "value3"),
        RateLimitServiceDescriptor(key: "key3", rateLimit: policy(1, .hour)),
        RateLimitServiceDescriptor(key: "key4", rateLimit: policy(1, .day, name: "key4_rate_limit")),
        RateLimitServiceDescriptor(key: "key5", value: "value5", rateLimit: policy(15, .day), descriptors: [
            RateLimitServiceDescriptor(key: "subkey5", value: "subvalue5", rateLimit: policy(25, .day)),
        ]),
        RateLimitServiceDescriptor(key: "key6", rateLimit: .unlimited()),
        RateLimitServiceDescriptor(key: "key7", rateLimit: policy(70, .minute), detailedMetric: true),
    ])

    static let wildcard = RateLimitServiceDomain(domain: "test-domain", descriptors: [
        RateLimitServiceDescriptor(key: "wild", value: "foo*", rateLimit: policy(20, .minute)),
        RateLimitServiceDescriptor(key: "noWild", value: "foo", rateLimit: policy(20, .minute)),
        RateLimitServiceDescriptor(key: "noVal", rateLimit: policy(20, .minute)),
        RateLimitServiceDescriptor(key: "midWild", value: "bar*b", rateLimit: policy(20, .minute)),
        RateLimitServiceDescriptor(key: "multiWild", value: "foo*bar*baz", rateLimit: policy(10, .minute)),
        RateLimitServiceDescriptor(key: "nestedWild", value: "val1", descriptors: [
            RateLimitServiceDescriptor(key: "wild", value: "goo*", rateLimit: policy(20, .minute)),
        ]),
    ])
}
