# One image for every role (web, worker, beat, migrate); docker-compose.yml picks the
# command. Front-end assets come from npm in a build stage, so the final image needs
# no Node.js; collectstatic gathers them into STATIC_ROOT for whitenoise.

FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=crc.settings \
    CRC_VAR_DIR=/app/var
WORKDIR /app

RUN useradd --system --create-home --uid 10001 crc

# Dependencies first, so a code change does not reinstall them. The project declares
# no packages of its own, so installing "." only installs the locked dependencies.
COPY pyproject.toml ./
COPY requirements/constraints.txt requirements/constraints.txt
RUN pip install -c requirements/constraints.txt .

COPY --from=assets /app/node_modules ./node_modules
COPY . .

# Static files are built into the image. The settings refuse to load without a
# SECRET_KEY when DEBUG is off, so collectstatic gets a throwaway one that exists only
# for this command.
# node_modules stays: STATICFILES_DIRS names its folders and the system checks expect them.
RUN SECRET_KEY=collectstatic-only-not-a-real-key python manage.py collectstatic --noinput \
    && mkdir -p /app/var/beat && chown -R crc /app/var

USER crc
EXPOSE 8000
CMD ["gunicorn", "crc.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
