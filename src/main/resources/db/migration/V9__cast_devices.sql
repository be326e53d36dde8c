-- Casting: TVs and speakers an operator added by address (multicast does not reach them).
-- Discovered devices are not stored: they announce themselves again after a restart.
create table cast_device (
    id          varchar(80)  not null primary key,
    node_id     varchar(40)  not null,
    protocol    varchar(16)  not null,
    name        varchar(200) not null,
    host        varchar(255) not null,
    port        integer      not null,
    description varchar(500),
    created_at  timestamp    not null
);
create index cast_device_node on cast_device (node_id);
