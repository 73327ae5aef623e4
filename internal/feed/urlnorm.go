package feed

import (
	"net"
	"net/url"
	"sort"
	"strings"

	"sitroom/internal/domain"
)

// trackingParams are query parameters that say how a reader arrived, not
// what they read; two links that differ only in them are the same article.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "ocid": true, "cmpid": true,
	"ref_src": true, "ref_url": true, "s_cid": true, "mkt_tok": true, "spm": true,
}

func isTracking(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "utm_") || trackingParams[n]
}

// NormalizeURL returns the form of a link used to recognise the same
// article: resolved against base (when the link is relative and base is
// set), scheme and host lower-cased, default port, fragment and tracking
// parameters (utm_*, fbclid, …) dropped, the remaining parameters sorted.
// Only http and https links are accepted.
func NormalizeURL(raw string, base *url.URL) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", domain.FieldError("url", "is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", domain.FieldError("url", "%q is not a URL: %v", raw, err)
	}
	if base != nil && !u.IsAbs() {
		u = base.ResolveReference(u)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", domain.FieldError("url", "%q is not an http(s) URL", raw)
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", domain.FieldError("url", "%q has no host", raw)
	}
	host = strings.TrimSuffix(host, ".")
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // an IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host = net.JoinHostPort(strings.Trim(host, "[]"), port)
	}
	u.Host = host
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
		u.RawPath = ""
	}
	if u.RawQuery != "" {
		q := u.Query()
		for name := range q {
			if isTracking(name) {
				delete(q, name)
			}
		}
		for _, vs := range q {
			sort.Strings(vs)
		}
		u.RawQuery = q.Encode() // Encode sorts by name
	}
	u.ForceQuery = false
	return u.String(), nil
}
