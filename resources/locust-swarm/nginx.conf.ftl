# Rendered by flotilla for ${host.id} (run ${run.id}). One nginx on the master host with
# two jobs: the target the swarm loads (plain HTTP), and the only published door to
# Locust's web UI (TLS and basic auth); Locust's own UI listens on 127.0.0.1 only.
# Paths are relative to the prefix (-p, the login directory) or to conf/ (files).
worker_processes 1;
pid var/nginx.pid;
error_log logs/nginx-error.log;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path var/nginx/body;
  proxy_temp_path var/nginx/proxy;
  fastcgi_temp_path var/nginx/fastcgi;
  uwsgi_temp_path var/nginx/uwsgi;
  scgi_temp_path var/nginx/scgi;

  # The system under test.
  server {
    listen ${host.address}:${vars['target-port']};
    default_type text/plain;
    location / { return 200 "hello from ${host.id}\n"; }
  }
<#if host.cert?has_content>

  # Locust's web UI, published only here.
  server {
    listen ${host.address}:${vars['ui-port']} ssl;
    ssl_certificate ui.pem;
    ssl_certificate_key ui.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    # Plain HTTP on this port gets no answer at all (497: an HTTP request to an HTTPS port; 444: close).
    error_page 497 = @refuse;
    location @refuse { return 444; }
    auth_basic "Locust, run ${run.id}";
    auth_basic_user_file htpasswd;
    location / {
      proxy_pass http://127.0.0.1:${vars['web-port']};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      error_page 502 = @idle;
    }
    # Locust's UI lives while a swarm runs (`flotilla run swarm`); in between, say so.
    location @idle {
      default_type text/plain;
      return 503 "No swarm is running on ${host.id}: the Locust UI is up while `flotilla run swarm` runs.\n";
    }
  }
</#if>
}
