# The CMS as one image; compose.yaml runs it against PostgreSQL.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY cms ./cms
COPY api ./api
COPY search ./search
COPY themes ./themes
COPY manage.py ./
# collectstatic signs nothing; the running container needs its own SECRET_KEY.
RUN pip install --no-cache-dir -e . \
    && CMS_INSECURE_EMBEDDED_KEY=1 python manage.py collectstatic --noinput -v0

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py setup_cms && gunicorn cms.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3}"]
