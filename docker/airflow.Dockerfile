# The Airflow image of docker-compose.yaml: the pinned apache/airflow image plus the
# automend program built from this checkout, installed as /usr/local/bin/automend so every
# Airflow container runs the same build (the DAG finds it through AUTOMEND_BIN). It is
# compiled on the image it runs on, so it links against that image's Debian libraries,
# whichever Debian release the Airflow image is based on. The toolchain is removed after
# the build; the -dev packages stay, and with them the shared libraries the program needs.
ARG AIRFLOW_IMAGE=apache/airflow:3.3.2
FROM ${AIRFLOW_IMAGE}

USER root
COPY CMakeLists.txt /tmp/automend/
COPY src /tmp/automend/src
COPY tests /tmp/automend/tests
COPY tools /tmp/automend/tools
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      build-essential cmake ninja-build pkg-config \
      libyaml-dev libre2-dev libcurl4-openssl-dev libssl-dev libspdlog-dev libfmt-dev \
      libcli11-dev zlib1g-dev libsnappy-dev libzstd-dev libgtest-dev libgmock-dev \
 && cmake -S /tmp/automend -B /tmp/automend/build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DAUTOMEND_BENCH=OFF \
 && cmake --build /tmp/automend/build --target automend \
 && install -m 0755 /tmp/automend/build/automend /usr/local/bin/automend \
 && rm -rf /tmp/automend \
 && apt-get purge -y -q build-essential cmake ninja-build \
 && apt-get autoremove -y -q \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* \
 && /usr/local/bin/automend --version
USER airflow
