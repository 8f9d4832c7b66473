{{/* Names, labels and the few facts the chart reads from .Values.config. */}}

{{- define "lanyard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lanyard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "lanyard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lanyard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "lanyard.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "lanyard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: lanyard
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "lanyard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "lanyard.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "lanyard.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Where the pod reads its config; the ConfigMap is mounted on the directory. */}}
{{- define "lanyard.configDir" -}}/etc/lanyard{{- end -}}

{{/*
The config as rendered into lanyard.yaml: .Values.config, plus leaderElection.leaseName defaulting to the full
name so that two releases in one namespace never share a Lease.
*/}}
{{- define "lanyard.config" -}}
{{- $c := deepCopy (.Values.config | default dict) -}}
{{- $le := get $c "leaderElection" | default dict -}}
{{- if not (get $le "leaseName") -}}
{{- $_ := set $le "leaseName" (include "lanyard.fullname" .) -}}
{{- end -}}
{{- $_ := set $c "leaderElection" $le -}}
{{- toYaml $c -}}
{{- end -}}

{{/*
Leader election as the app will see it, as JSON: enabled (explicit, or on with the Kubernetes source),
namespace (the config's, or the release namespace the pod gets as POD_NAMESPACE) and leaseName.
*/}}
{{- define "lanyard.leaderElection" -}}
{{- $c := include "lanyard.config" . | fromYaml -}}
{{- $le := $c.leaderElection -}}
{{- $enabled := dig "sources" "kubernetes" "enabled" false $c -}}
{{- if and (hasKey $le "enabled") (not (kindIs "invalid" $le.enabled)) -}}
{{- $enabled = $le.enabled -}}
{{- end -}}
{{- dict "enabled" $enabled "namespace" (default .Release.Namespace $le.namespace) "leaseName" $le.leaseName | toJson -}}
{{- end -}}

{{/*
A host:port as the app parses it (HostPort.parse), as JSON {host, port}; port is "" when absent.
Accepts 0.0.0.0:5353, [::]:5353, and a bare IPv6 address (no port).
*/}}
{{- define "lanyard.hostPort" -}}
{{- $s := trim (toString .) -}}
{{- $host := $s -}}
{{- $port := "" -}}
{{- if hasPrefix "[" $s -}}
{{- $host = regexReplaceAll "^\\[([^\\]]*)\\].*$" $s "${1}" -}}
{{- $port = regexFind "\\]:[0-9]+$" $s | trimPrefix "]:" -}}
{{- else if eq (len (splitList ":" $s)) 2 -}}
{{- $host = first (splitList ":" $s) -}}
{{- $port = last (splitList ":" $s) -}}
{{- end -}}
{{- dict "host" $host "port" $port | toJson -}}
{{- end -}}

{{/*
The container port a listen address opens, checked for use behind a Service: it must bind every pod address and
use an unprivileged port (the container has no capabilities). Args: dict value, key (for the message), default
(port when absent), min (lowest allowed port).
*/}}
{{- define "lanyard.podPort" -}}
{{- $hp := include "lanyard.hostPort" .value | fromJson -}}
{{- if and (not $hp.port) (lt (int .default) 0) -}}
{{- fail (printf "%s %q: needs a port, e.g. \"0.0.0.0:5354\"" .key (toString .value)) -}}
{{- end -}}
{{- $port := default (toString .default) $hp.port | int -}}
{{- if not (has $hp.host (list "0.0.0.0" "::")) -}}
{{- fail (printf "%s %q: inside the pod, listen on 0.0.0.0 or [::] so that Services and probes reach it (Services send traffic to the pod's own address)" .key (toString .value)) -}}
{{- end -}}
{{- if lt $port (int .min) -}}
{{- fail (printf "%s %q: port %d is privileged and the container runs without capabilities; listen on a port >= %d and let the Service map the well-known port to it" .key (toString .value) $port (int .min)) -}}
{{- end -}}
{{- $port -}}
{{- end -}}

{{/* The first entry of a listen setting that may be one string or a list of strings. */}}
{{- define "lanyard.firstListen" -}}
{{- if kindIs "slice" . -}}{{- first . -}}{{- else -}}{{- . -}}{{- end -}}
{{- end -}}

{{/* The container port of the main DNS entry point: config.dns.listen[0]. */}}
{{- define "lanyard.dnsPort" -}}
{{- $listen := dig "dns" "listen" "" (.Values.config | default dict) -}}
{{- if empty $listen -}}
{{- fail "config.dns.listen: set it (e.g. [\"0.0.0.0:5353\"]); the app's own default 127.0.0.1:5353 cannot be reached from a Service" -}}
{{- end -}}
{{- include "lanyard.podPort" (dict "value" (include "lanyard.firstListen" $listen) "key" "config.dns.listen[0]" "default" 53 "min" 1024) -}}
{{- end -}}

{{/* The container port of the HTTP endpoints: config.http.listen. */}}
{{- define "lanyard.httpPort" -}}
{{- $listen := dig "http" "listen" "" (.Values.config | default dict) -}}
{{- if empty $listen -}}
{{- fail "config.http.listen: set it (e.g. \"0.0.0.0:8080\"): the probes need /healthz and /readyz, and the app's own default 127.0.0.1:8080 cannot be reached by the kubelet" -}}
{{- end -}}
{{- include "lanyard.podPort" (dict "value" (include "lanyard.firstListen" $listen) "key" "config.http.listen" "default" 8080 "min" 1024) -}}
{{- end -}}

{{/*
The viewServices as a JSON list of {view, name, port, svc}: port is the view's first listener in config.views,
name the Service name. Fails with a message naming the view when the view or its listener is missing.
*/}}
{{- define "lanyard.viewServices" -}}
{{- $out := list -}}
{{- $views := dig "views" (list) (.Values.config | default dict) -}}
{{- $mainPort := include "lanyard.dnsPort" . | int -}}
{{- $fullname := include "lanyard.fullname" . -}}
{{- range $view := keys (.Values.viewServices | default dict) | sortAlpha -}}
{{- $svc := get $.Values.viewServices $view | default dict -}}
{{- $found := dict -}}
{{- range $views -}}
{{- if eq (toString .name) $view -}}{{- $found = . -}}{{- end -}}
{{- end -}}
{{- if not $found -}}
{{- fail (printf "viewServices.%s: config.views has no view named %q" $view $view) -}}
{{- end -}}
{{- $listeners := $found.listeners | default list -}}
{{- if kindIs "string" $listeners -}}{{- $listeners = list $listeners -}}{{- end -}}
{{- if not $listeners -}}
{{- fail (printf "viewServices.%s: view %q has no listeners; give it one (e.g. listeners: [\"0.0.0.0:5354\"]) so that its Service reaches it" $view $view) -}}
{{- end -}}
{{- $port := include "lanyard.podPort" (dict "value" (first $listeners) "key" (printf "config.views[%s].listeners[0]" $view) "default" -1 "min" 1024) | int -}}
{{- if eq $port $mainPort -}}
{{- fail (printf "viewServices.%s: the view's listener port %d is also config.dns.listen[0]; a view Service needs a port of its own" $view $port) -}}
{{- end -}}
{{- $name := printf "%s-%s" $fullname ($view | replace "_" "-") | trunc 63 | trimSuffix "-" -}}
{{- $out = append $out (dict "view" $view "name" $name "port" $port "svc" $svc) -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
Secret access the config implies, as JSON:
  write: namespaces where Lanyard reads and writes Secrets: rbac.secretNamespaces, the namespaces of
         certificates.certificates[].stores[].secret, and of certificates.issuers[].acme.accountKey.secret
         (the ACME account key is created on first use);
  read:  namespace -> Secret names Lanyard only reads: certificates.issuers[].ca.secret.
*/}}
{{- define "lanyard.secretAccess" -}}
{{- $write := list -}}
{{- range .Values.rbac.secretNamespaces -}}{{- $write = append $write . -}}{{- end -}}
{{- $certs := dig "certificates" (dict) (.Values.config | default dict) | default dict -}}
{{- range $cert := $certs.certificates | default list -}}
{{- range $store := $cert.stores | default list -}}
{{- with $store.secret -}}
{{- $write = append $write (include "lanyard.secretRef" (dict "ref" . "key" (printf "certificate %s store" $cert.name)) | fromJson).namespace -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $read := dict -}}
{{- range $issuer := $certs.issuers | default list -}}
{{- with dig "acme" "accountKey" "secret" "" $issuer -}}
{{- $write = append $write (include "lanyard.secretRef" (dict "ref" . "key" (printf "issuer %s accountKey" $issuer.name)) | fromJson).namespace -}}
{{- end -}}
{{- with dig "ca" "secret" "" $issuer -}}
{{- $ref := include "lanyard.secretRef" (dict "ref" . "key" (printf "issuer %s ca" $issuer.name)) | fromJson -}}
{{- $names := get $read $ref.namespace | default (list) -}}
{{- $_ := set $read $ref.namespace (append $names $ref.name | uniq | sortAlpha) -}}
{{- end -}}
{{- end -}}
{{- dict "write" ($write | uniq | sortAlpha) "read" $read | toJson -}}
{{- end -}}

{{/*
"true" when the pod talks to the Kubernetes API (the Kubernetes source, the Lease, or Secrets), so that it needs
its ServiceAccount token; "false" otherwise.
*/}}
{{- define "lanyard.usesApi" -}}
{{- $access := include "lanyard.secretAccess" . | fromJson -}}
{{- $le := include "lanyard.leaderElection" . | fromJson -}}
{{- $kube := dig "sources" "kubernetes" "enabled" false (.Values.config | default dict) -}}
{{- if or $kube $le.enabled $access.write $access.read -}}true{{- else -}}false{{- end -}}
{{- end -}}

{{- define "lanyard.secretRef" -}}
{{- $parts := splitList "/" (toString .ref) -}}
{{- if or (ne (len $parts) 2) (not (regexMatch "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" (first $parts))) (not (regexMatch "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" (last $parts))) -}}
{{- fail (printf "%s: secret %q is not namespace/name" .key (toString .ref)) -}}
{{- end -}}
{{- dict "namespace" (first $parts) "name" (last $parts) | toJson -}}
{{- end -}}

{{/* The spec of a DNS Service. Args: dict root, svc (values), targetUdp, targetTcp (container port names). */}}
{{- define "lanyard.dnsServiceSpec" -}}
{{- $svc := .svc -}}
{{- $type := default "LoadBalancer" $svc.type -}}
type: {{ $type }}
{{- with $svc.loadBalancerClass }}
loadBalancerClass: {{ . }}
{{- end }}
{{- if and (has $type (list "LoadBalancer" "NodePort")) $svc.externalTrafficPolicy }}
externalTrafficPolicy: {{ $svc.externalTrafficPolicy }}
{{- end }}
{{- if eq $type "LoadBalancer" }}
{{- with $svc.loadBalancerSourceRanges }}
loadBalancerSourceRanges:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
{{- with $svc.ipFamilyPolicy }}
ipFamilyPolicy: {{ . }}
{{- end }}
{{- with $svc.ipFamilies }}
ipFamilies:
  {{- toYaml . | nindent 2 }}
{{- end }}
selector:
  {{- include "lanyard.selectorLabels" .root | nindent 2 }}
ports:
  - name: dns-udp
    port: {{ default 53 $svc.port }}
    protocol: UDP
    targetPort: {{ .targetUdp }}
  - name: dns-tcp
    port: {{ default 53 $svc.port }}
    protocol: TCP
    targetPort: {{ .targetTcp }}
{{- end -}}
