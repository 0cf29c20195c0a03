{{/* Names and labels shared by every object of the chart. */}}
{{- define "docpipe.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of one component's objects: <fullname>-<component>. Call with (list $ "api-service"). */}}
{{- define "docpipe.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "docpipe.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "docpipe.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "docpipe.labels" -}}
{{- $root := index . 0 -}}
{{ include "docpipe.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version }}
{{- end -}}

{{/* The image of a component: one target of docker/Dockerfile. */}}
{{- define "docpipe.image" -}}
{{- $root := index . 0 -}}
{{- printf "%sdocpipe/%s:%s" $root.Values.image.registry (index . 1) (default $root.Chart.AppVersion $root.Values.image.tag) -}}
{{- end -}}

{{/*
Kafka security settings as the DOCPIPE_KAFKA_* variables every docpipe service (and the docpipe CLI)
reads the same way (kafka-config module, KafkaSecurity). Plain values go to the ConfigMap
(docpipe.kafkaSecurityConfig), secrets to the container (docpipe.kafkaSecurityEnv).
*/}}
{{- define "docpipe.kafkaSecurityConfig" -}}
{{- with .Values.kafka.security -}}
{{- if .protocol }}
DOCPIPE_KAFKA_SECURITY_PROTOCOL: {{ .protocol | quote }}
{{- end }}
{{- if .saslMechanism }}
DOCPIPE_KAFKA_SASL_MECHANISM: {{ .saslMechanism | quote }}
{{- end }}
{{- if .truststore.secretName }}
DOCPIPE_KAFKA_TRUSTSTORE_LOCATION: {{ printf "%s/%s" .truststore.mountPath .truststore.file | quote }}
DOCPIPE_KAFKA_TRUSTSTORE_TYPE: {{ .truststore.type | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "docpipe.kafkaSecurityEnv" -}}
{{- with .Values.kafka.security -}}
{{- if .credentialsSecret.name }}
- name: DOCPIPE_KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .credentialsSecret.name }}
      key: {{ .credentialsSecret.usernameKey }}
- name: DOCPIPE_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .credentialsSecret.name }}
      key: {{ .credentialsSecret.passwordKey }}
{{- end }}
{{- if and .truststore.secretName .truststore.passwordKey }}
- name: DOCPIPE_KAFKA_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .truststore.secretName }}
      key: {{ .truststore.passwordKey }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "docpipe.kafkaTruststoreVolumeMount" -}}
{{- with .Values.kafka.security.truststore -}}
{{- if .secretName }}
- name: kafka-truststore
  mountPath: {{ .mountPath }}
  readOnly: true
{{- end }}
{{- end }}
{{- end -}}

{{- define "docpipe.kafkaTruststoreVolume" -}}
{{- with .Values.kafka.security.truststore -}}
{{- if .secretName }}
- name: kafka-truststore
  secret:
    secretName: {{ .secretName }}
    items:
      - key: {{ .file }}
        path: {{ .file }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The blob store of api-service and workers (docpipe.blob.*, read through blob-store's BlobStoreSettings). */}}
{{- define "docpipe.blobStoreConfig" -}}
{{- with .Values.blobStore }}
DOCPIPE_BLOB_STORE: {{ .type | quote }}
{{- if eq .type "local" }}
DOCPIPE_BLOB_DIR: {{ .local.mountPath | quote }}
{{- else if eq .type "s3" }}
{{- if .s3.endpoint }}
DOCPIPE_BLOB_S3_ENDPOINT: {{ .s3.endpoint | quote }}
{{- end }}
DOCPIPE_BLOB_S3_BUCKET: {{ required "blobStore.s3.bucket is required with blobStore.type=s3" .s3.bucket | quote }}
DOCPIPE_BLOB_S3_REGION: {{ .s3.region | quote }}
DOCPIPE_BLOB_S3_PATH_STYLE: {{ .s3.pathStyle | quote }}
DOCPIPE_BLOB_S3_CREATE_BUCKET: {{ .s3.createBucket | quote }}
{{- else }}
{{- fail (printf "blobStore.type must be local or s3, not %s" .type) }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "docpipe.blobStoreEnv" -}}
{{- with .Values.blobStore -}}
{{- if and (eq .type "s3") .s3.credentialsSecret.name }}
- name: DOCPIPE_BLOB_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .s3.credentialsSecret.name }}
      key: {{ .s3.credentialsSecret.accessKeyKey }}
- name: DOCPIPE_BLOB_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .s3.credentialsSecret.name }}
      key: {{ .s3.credentialsSecret.secretKeyKey }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "docpipe.blobVolumeMount" -}}
{{- if eq .Values.blobStore.type "local" }}
- name: blobs
  mountPath: {{ .Values.blobStore.local.mountPath }}
{{- end }}
{{- end -}}

{{- define "docpipe.blobVolume" -}}
{{- if eq .Values.blobStore.type "local" }}
- name: blobs
  persistentVolumeClaim:
    claimName: {{ .Values.blobStore.local.existingClaim }}
{{- end }}
{{- end -}}

{{/* The images run as the unprivileged docpipe user (uid/gid 10001, docker/Dockerfile). */}}
{{- define "docpipe.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
{{- end -}}

{{/* What api-service and workers both mount: the local blob store's claim and the Kafka truststore. */}}
{{- define "docpipe.sharedVolumeMounts" -}}
{{- include "docpipe.blobVolumeMount" . }}
{{- include "docpipe.kafkaTruststoreVolumeMount" . }}
{{- end -}}

{{- define "docpipe.sharedVolumes" -}}
{{- include "docpipe.blobVolume" . }}
{{- include "docpipe.kafkaTruststoreVolume" . }}
{{- end -}}
