/*
 * Message framing shared by jrunc-init (docs/plan-protocol.md) and the front end
 * (docs/planner-protocol.md): every message is u32 type, u32 length, body[length], little-endian;
 * a message that carries an fd carries one, as SCM_RIGHTS on the sendmsg of its header.
 */
#ifndef JRUNC_FRAMING_H
#define JRUNC_FRAMING_H

#include <stddef.h>
#include <stdint.h>

uint32_t le32(const unsigned char *p);
void put32(unsigned char *p, uint32_t v);

/* 0: all n bytes read; 1: EOF before the first byte; -1: error, or EOF inside (errno EPIPE). */
int read_full(int fd, void *buf, size_t n);

/* Reads one message header: 0 ok, 1 clean EOF, -1 error (errno). */
int msg_recv_header(int fd, uint32_t *type, uint32_t *len);
/* The same with recvmsg: *passfd is the fd that came with the header (close-on-exec), or -1. */
int msg_recv_header_fd(int fd, uint32_t *type, uint32_t *len, int *passfd);
/* Reads exactly len bytes of body: 0 ok, -1 error or EOF (errno EPIPE). */
int msg_recv_body(int fd, void *buf, size_t len);

/* Sends header + body; with passfd >= 0 that fd goes along (SCM_RIGHTS). 0 or -1 (errno). */
int send_msg_fd(int fd, uint32_t type, const void *body, uint32_t len, int passfd);
int send_msg(int fd, uint32_t type, const void *body, uint32_t len);
int send_u32(int fd, uint32_t type, uint32_t v);

#endif
