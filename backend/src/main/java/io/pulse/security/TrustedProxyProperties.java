package io.pulse.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may tell the backend where a request really came from.
 *
 * @param trustedProxies addresses or CIDR blocks ({@code 127.0.0.1}, {@code 10.20.0.0/16}) whose
 *     {@code X-Forwarded-For} names the source address for the sign-in throttle and the audit log
 *     (env {@code PULSE_SECURITY_FORWARDED_TRUSTEDPROXIES}, comma-separated): the UI, which
 *     forwards its browsers' addresses. Empty by default: nobody's header is believed
 */
@ConfigurationProperties("pulse.security.forwarded")
public record TrustedProxyProperties(@DefaultValue List<String> trustedProxies) {}
