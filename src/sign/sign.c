/* sign.c — PAdES baseline B-B signatures (ETSI EN 319 142-1) written into a signature field
 * as an incremental update (ISO 32000-1, 7.5.6 and 12.8): the signature dictionary with a
 * /ByteRange and a zero-filled /Contents placeholder, the field pointing to it, the form
 * saying that signatures exist; then the digest of every byte but the placeholder is signed
 * with OpenSSL's CMS (detached, SHA-256, with the signing-certificate-v2 attribute) and the
 * signature written into the placeholder. Everything is checked before anything is written;
 * the private key stays in memory. */
#include "doc.h"
#include "fields.h"
#include "output.h"
#include "pdfstr.h"
#include "util.h"

#include <errno.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { SIGN_MAX_INPUT = 1 << 30 };

static char *read_file(pd_ctx *ctx, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return NULL;
    }
    pd_buf b;
    pd_buf_init(&b, SIGN_MAX_INPUT);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (!pd_buf_add(&b, chunk, n))
            break;
    bool bad = ferror(f) || b.failed;
    fclose(f);
    if (bad || !b.data) {
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0, "cannot read: %s",
                      b.failed ? "too large" : "empty or unreadable");
        pd_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data;
}

/* The first OpenSSL error, for messages. */
static const char *ssl_reason(void)
{
    unsigned long e = ERR_peek_last_error();
    const char *r = e ? ERR_reason_error_string(e) : NULL;
    return r ? r : "unknown error";
}

static int password_cb(char *buf, int size, int rwflag, void *user)
{
    (void)rwflag;
    const char *pw = user;
    if (!pw)
        return -1; /* encrypted but no password: fail instead of asking on the terminal */
    int n = (int)strlen(pw);
    if (n > size)
        return -1;
    memcpy(buf, pw, (size_t)n);
    return n;
}

typedef struct {
    EVP_PKEY *key;
    X509 *cert;
    STACK_OF(X509) *chain;
} signer;

static void signer_free(signer *s)
{
    EVP_PKEY_free(s->key);
    X509_free(s->cert);
    sk_X509_pop_free(s->chain, X509_free);
}

static pd_status load_signer(pd_ctx *ctx, const pd_sign_options *o, signer *s)
{
    memset(s, 0, sizeof *s);
    char *password = NULL;
    if (o->password_file) {
        size_t len = 0;
        password = read_file(ctx, o->password_file, &len);
        if (!password)
            return PD_ERR_INPUT;
        password[strcspn(password, "\r\n")] = '\0';
    }
    BIO *bio = BIO_new_file(o->key_file, "r");
    if (bio)
        s->key = PEM_read_bio_PrivateKey(bio, NULL, password_cb, password);
    BIO_free(bio);
    if (password) {
        OPENSSL_cleanse(password, strlen(password));
        free(password);
    }
    if (!s->key) {
        pd_diag_raise(ctx, PD_ERROR, o->key_file, 0, 0,
                      bio ? "cannot read the private key (a wrong or missing password?): %s"
                          : "cannot read: %s",
                      bio ? ssl_reason() : strerror(errno));
        return PD_ERR_INPUT;
    }
    bio = BIO_new_file(o->cert_file, "r");
    if (bio)
        s->cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
    BIO_free(bio);
    if (!s->cert) {
        pd_diag_raise(ctx, PD_ERROR, o->cert_file, 0, 0, "cannot read the certificate: %s",
                      bio ? ssl_reason() : strerror(errno));
        return PD_ERR_INPUT;
    }
    if (X509_check_private_key(s->cert, s->key) != 1) {
        pd_diag_raise(ctx, PD_ERROR, o->key_file, 0, 0,
                      "the key does not belong to the certificate %s", o->cert_file);
        return PD_ERR_INPUT;
    }
    if (X509_cmp_current_time(X509_get0_notAfter(s->cert)) < 0) {
        pd_diag_raise(ctx, PD_ERROR, o->cert_file, 0, 0, "the certificate has expired");
        return PD_ERR_INPUT;
    }
    if (X509_cmp_current_time(X509_get0_notBefore(s->cert)) > 0) {
        pd_diag_raise(ctx, PD_ERROR, o->cert_file, 0, 0, "the certificate is not valid yet");
        return PD_ERR_INPUT;
    }
    s->chain = sk_X509_new_null();
    if (!s->chain)
        return PD_ERR_SYSTEM;
    if (o->chain_file) {
        bio = BIO_new_file(o->chain_file, "r");
        X509 *c;
        while (bio && (c = PEM_read_bio_X509(bio, NULL, NULL, NULL)))
            if (!sk_X509_push(s->chain, c))
                X509_free(c);
        BIO_free(bio);
        ERR_clear_error(); /* the end of the file */
        if (!bio || sk_X509_num(s->chain) == 0) {
            pd_diag_raise(ctx, PD_ERROR, o->chain_file, 0, 0, "no certificate found");
            return PD_ERR_INPUT;
        }
    }
    return PD_OK;
}

/* The CMS SignedData (DER) over data: detached, SHA-256, the signer's certificate and chain,
 * the signing-certificate-v2 attribute that binds the signature to that certificate. */
static unsigned char *cms_sign(const signer *s, const char *data, size_t len, int *der_len)
{
    unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
#ifdef CMS_NO_SIGNING_TIME /* OpenSSL 3.2: PAdES wants the time in /M only */
    flags |= CMS_NO_SIGNING_TIME;
#endif
    unsigned char *der = NULL, *ess_der = NULL;
    ESS_SIGNING_CERT_V2 *ess = NULL;
    BIO *in = NULL;
    CMS_ContentInfo *cms = CMS_sign(NULL, NULL, s->chain, NULL, flags);
    CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, s->cert, s->key, EVP_sha256(), flags)
                             : NULL;
    if (!si)
        goto done;
    ess = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), s->cert, NULL, 0);
    int ess_len = ess ? i2d_ESS_SIGNING_CERT_V2(ess, &ess_der) : -1;
    if (ess_len <= 0 ||
        !CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2,
                                     V_ASN1_SEQUENCE, ess_der, ess_len))
        goto done;
    in = BIO_new_mem_buf(data, (int)len);
    if (!in || !CMS_final(cms, in, NULL, flags))
        goto done;
    *der_len = i2d_CMS_ContentInfo(cms, &der);
    if (*der_len <= 0) {
        OPENSSL_free(der);
        der = NULL;
    }
done:
    BIO_free(in);
    OPENSSL_free(ess_der);
    ESS_SIGNING_CERT_V2_free(ess);
    CMS_ContentInfo_free(cms);
    return der;
}

static void now_pdf_date(char *out, size_t size)
{
    time_t t = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch)
        t = (time_t)strtoll(epoch, NULL, 10);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, "D:%Y%m%d%H%M%SZ", &tm);
}

static void add_text_entry(pd_buf *b, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    pd_buf_adds(b, "\n   /");
    pd_buf_adds(b, key);
    pd_buf_adds(b, " ");
    pd_pdf_text_string(b, value);
}

typedef struct {
    long num;
    size_t at; /* offset in the update */
} written;

static void write_object(pd_buf *u, written *w, int *nw, long num, const pd_obj *o)
{
    char head[32];
    w[*nw].num = num;
    w[*nw].at = u->len;
    (*nw)++;
    snprintf(head, sizeof head, "%ld 0 obj\n", num);
    pd_buf_adds(u, head);
    pd_obj_write(u, o);
    pd_buf_adds(u, "\nendobj\n");
}

static int compare_written(const void *a, const void *b)
{
    long x = ((const written *)a)->num, y = ((const written *)b)->num;
    return x < y ? -1 : x > y;
}

/* The incremental update for field (object field_num) signed by signature object sig_num,
 * with the placeholder's place in it. */
static bool build_update(const pd_pdf_doc *doc, const pd_sign_options *o, long field_num,
                         size_t reserve, size_t base, pd_buf *u, size_t *range_at,
                         size_t *contents_at)
{
    long sig = doc->size;
    written w[4];
    int nw = 0;
    char date[40], line[160];
    now_pdf_date(date, sizeof date);
    /* the signature dictionary */
    w[nw].num = sig;
    w[nw++].at = u->len;
    snprintf(line, sizeof line, "%ld 0 obj\n<< /Type /Sig\n   /Filter /Adobe.PPKLite\n"
                                "   /SubFilter /ETSI.CAdES.detached\n   /ByteRange ", sig);
    pd_buf_adds(u, line);
    *range_at = u->len;
    pd_buf_adds(u, "[ 0 0000000000 0000000000 0000000000 ]\n   /Contents ");
    *contents_at = u->len;
    pd_buf_adds(u, "<");
    for (size_t i = 0; i < reserve * 2; i += 64)
        pd_buf_add(u, "0000000000000000000000000000000000000000000000000000000000000000",
                   reserve * 2 - i < 64 ? reserve * 2 - i : 64);
    pd_buf_adds(u, ">\n   /M ");
    pd_buf_adds(u, "(");
    pd_buf_adds(u, date);
    pd_buf_adds(u, ")");
    add_text_entry(u, "Reason", o->reason);
    add_text_entry(u, "Location", o->location);
    add_text_entry(u, "ContactInfo", o->contact);
    if (o->certify)
        pd_buf_adds(u, "\n   /Reference [ << /Type /SigRef /TransformMethod /DocMDP\n"
                       "      /TransformParams << /Type /TransformParams /P 2 /V /1.2 >> >> ]");
    pd_buf_adds(u, "\n>>\nendobj\n");
    /* the field: its value is the signature */
    pd_obj *field = pd_pdf_doc_load(doc, field_num);
    bool ok = field && field->type == PD_OBJ_DICT && pd_dict_set(field, "V", pd_obj_ref(sig, 0));
    if (ok)
        write_object(u, w, &nw, field_num, field);
    pd_obj_free(field);
    /* the form: signatures exist and the file is to be appended to (SigFlags 3); the catalogue
     * when the form is in it or for a certification's /Perms */
    pd_obj *root_ref = pd_dict_get(doc->trailer, "Root");
    long root = root_ref && root_ref->type == PD_OBJ_REF ? root_ref->num : 0;
    pd_obj *cat = root ? pd_pdf_doc_load(doc, root) : NULL;
    pd_obj *form_ref = pd_dict_get(cat, "AcroForm");
    ok = ok && cat && form_ref;
    if (ok && form_ref->type == PD_OBJ_REF) {
        pd_obj *form = pd_pdf_doc_load(doc, form_ref->num);
        ok = form && form->type == PD_OBJ_DICT && pd_dict_set(form, "SigFlags", pd_obj_int(3));
        if (ok)
            write_object(u, w, &nw, form_ref->num, form);
        pd_obj_free(form);
    } else if (ok)
        ok = form_ref->type == PD_OBJ_DICT && pd_dict_set(form_ref, "SigFlags", pd_obj_int(3));
    if (ok && o->certify) {
        pd_obj *perms = pd_obj_new(PD_OBJ_DICT);
        ok = perms && pd_dict_set(perms, "DocMDP", pd_obj_ref(sig, 0)) &&
             pd_dict_set(cat, "Perms", perms);
    }
    if (ok && (o->certify || form_ref->type != PD_OBJ_REF))
        write_object(u, w, &nw, root, cat);
    pd_obj_free(cat);
    if (!ok)
        return false;
    /* cross-references, one subsection per object, and the trailer */
    qsort(w, (size_t)nw, sizeof *w, compare_written);
    size_t xref = base + u->len;
    pd_buf_adds(u, "xref\n");
    for (int i = 0; i < nw; i++) {
        snprintf(line, sizeof line, "%ld 1\n%010zu 00000 n \n", w[i].num, base + w[i].at);
        pd_buf_adds(u, line);
    }
    pd_obj *trailer = pd_obj_new(PD_OBJ_DICT);
    ok = trailer && pd_dict_set(trailer, "Size", pd_obj_int(sig + 1)) &&
         pd_dict_set(trailer, "Root", pd_obj_clone(root_ref));
    pd_obj *info = pd_dict_get(doc->trailer, "Info");
    if (ok && info)
        ok = pd_dict_set(trailer, "Info", pd_obj_clone(info));
    /* the file identifier: the first part stays, the second changes with each revision */
    pd_obj *id = pd_dict_get(doc->trailer, "ID");
    unsigned char digest[32];
    unsigned int dlen = 0;
    EVP_Digest(doc->data, doc->len, digest, &dlen, EVP_sha256(), NULL);
    pd_obj *ids = pd_obj_new(PD_OBJ_ARRAY);
    pd_obj *now = pd_obj_str((const char *)digest, 16);
    if (now)
        now->hex = true;
    if (ids && id && id->type == PD_OBJ_ARRAY && id->count == 2)
        ok = ok && pd_array_add(ids, pd_obj_clone(id->items[0]));
    else if (ids)
        ok = ok && pd_array_add(ids, pd_obj_clone(now));
    ok = ok && ids && pd_array_add(ids, now) && pd_dict_set(trailer, "ID", ids);
    if (!ids || !ok)
        pd_obj_free(now);
    if (ok)
        ok = pd_dict_set(trailer, "Prev", pd_obj_int((long long)doc->startxref));
    if (ok) {
        pd_buf_adds(u, "trailer\n");
        pd_obj_write(u, trailer);
        snprintf(line, sizeof line, "\nstartxref\n%zu\n%%%%EOF\n", xref);
        pd_buf_adds(u, line);
    }
    pd_obj_free(trailer);
    return ok && !u->failed;
}

static pd_status open_doc(pd_ctx *ctx, const char *in, char **data, size_t *len,
                          pd_pdf_doc *doc)
{
    *data = read_file(ctx, in, len);
    if (!*data)
        return PD_ERR_INPUT;
    pd_status st = pd_pdf_doc_open(ctx, in, *data, *len, doc);
    if (st != PD_OK) {
        free(*data);
        *data = NULL;
    }
    return st;
}

pd_status pd_sign_list(pd_ctx *ctx, const char *in, pd_sign_field_fn fn, void *user)
{
    char *data;
    size_t len;
    pd_pdf_doc doc;
    pd_status st = open_doc(ctx, in, &data, &len, &doc);
    if (st != PD_OK)
        return st;
    pd_sig_field *fields = NULL;
    int n = 0;
    if (!pd_sig_fields(&doc, &fields, &n)) {
        pd_error(ctx, "out of memory");
        st = PD_ERR_SYSTEM;
    }
    for (int i = 0; i < n; i++)
        fn(fields[i].name, fields[i].is_signed, user);
    pd_sig_fields_free(fields, n);
    pd_pdf_doc_close(&doc);
    free(data);
    return st;
}

static size_t cert_size(X509 *c) { return (size_t)i2d_X509(c, NULL); }

pd_status pd_sign_file(pd_ctx *ctx, const char *in, const char *out, const pd_sign_options *o)
{
    if (!o->field || !o->key_file || !o->cert_file) {
        pd_error(ctx, "signing needs a field, a key and a certificate");
        return PD_ERR_USAGE;
    }
    pd_status st = pd_output_check(ctx, out, in);
    if (st != PD_OK)
        return st;
    char *data;
    size_t len;
    pd_pdf_doc doc;
    st = open_doc(ctx, in, &data, &len, &doc);
    if (st != PD_OK)
        return st;
    pd_sig_field *fields = NULL;
    int nfields = 0;
    const pd_sig_field *field = NULL;
    bool any_signed = false;
    if (!pd_sig_fields(&doc, &fields, &nfields)) {
        pd_error(ctx, "out of memory");
        st = PD_ERR_SYSTEM;
    }
    for (int i = 0; i < nfields; i++) {
        any_signed |= fields[i].is_signed;
        if (strcmp(fields[i].name, o->field) == 0)
            field = &fields[i];
    }
    signer s = {0};
    if (st != PD_OK) {
    } else if (!field) {
        pd_buf names;
        pd_buf_init(&names, 1u << 16);
        for (int i = 0; i < nfields; i++) {
            pd_buf_adds(&names, i ? ", " : "");
            pd_buf_adds(&names, fields[i].name);
        }
        pd_diag_raise(ctx, PD_ERROR, in, 0, 0, "no signature field '%s' (the fields: %s)",
                      o->field, names.data ? names.data : "none");
        pd_buf_free(&names);
        st = PD_ERR_USAGE;
    } else if (field->is_signed) {
        pd_diag_raise(ctx, PD_ERROR, in, 0, 0, "the field '%s' is already signed", o->field);
        st = PD_ERR_INPUT;
    } else if (field->num <= 0) {
        pd_diag_raise(ctx, PD_ERROR, in, 0, 0, "the field '%s' cannot be signed in place",
                      o->field);
        st = PD_ERR_INPUT;
    } else if (o->certify && any_signed) {
        pd_diag_raise(ctx, PD_ERROR, in, 0, 0,
                      "a certifying signature must be the document's first; it is signed");
        st = PD_ERR_INPUT;
    } else
        st = load_signer(ctx, o, &s);
    /* the update, its placeholder filled with the signature over everything else */
    pd_buf u;
    pd_buf_init(&u, SIGN_MAX_INPUT);
    size_t range_at = 0, contents_at = 0, reserve = 8192;
    bool newline = len > 0 && data[len - 1] != '\n' && data[len - 1] != '\r';
    if (st == PD_OK) {
        reserve += 2 * cert_size(s.cert);
        for (int i = 0; i < sk_X509_num(s.chain); i++)
            reserve += 2 * cert_size(sk_X509_value(s.chain, i));
        if (newline)
            pd_buf_adds(&u, "\n");
        if (!build_update(&doc, o, field->num, reserve, len, &u, &range_at, &contents_at)) {
            pd_error(ctx, "cannot write the update of %s (out of memory or a broken form)", in);
            st = PD_ERR_INPUT;
        }
    }
    char *whole = NULL;
    unsigned char *der = NULL;
    int der_len = 0;
    if (st == PD_OK) {
        size_t total = len + u.len, a = len + contents_at, b = a + reserve * 2 + 2;
        char range[64];
        int n = snprintf(range, sizeof range, "[ 0 %zu %zu %zu ]", a, b, total - b);
        memcpy(u.data + range_at, range, (size_t)n);
        memset(u.data + range_at + n, ' ', 38 - (size_t)n); /* the placeholder's width */
        whole = malloc(total - (b - a));
        if (whole) {
            memcpy(whole, data, len);
            memcpy(whole + len, u.data, contents_at);
            memcpy(whole + a, u.data + contents_at + reserve * 2 + 2, total - b);
            der = cms_sign(&s, whole, total - (b - a), &der_len);
        }
        if (!der) {
            pd_error(ctx, "cannot sign: %s", whole ? ssl_reason() : "out of memory");
            st = whole ? PD_ERR_INPUT : PD_ERR_SYSTEM;
        } else if ((size_t)der_len > reserve) {
            pd_error(ctx, "the signature (%d bytes) is larger than the room kept for it", der_len);
            st = PD_ERR_SYSTEM;
        } else {
            pd_hex(der, (size_t)der_len, u.data + contents_at + 1);
            u.data[contents_at + 1 + 2 * (size_t)der_len] = '0'; /* pd_hex's NUL */
        }
    }
    free(whole);
    OPENSSL_free(der);
    signer_free(&s);
    if (st == PD_OK) {
        pd_output *po;
        st = pd_output_open(ctx, out, &po);
        if (st == PD_OK) {
            pd_output_write(po, data, len);
            pd_output_write(po, u.data, u.len);
            st = pd_output_commit(ctx, po);
        }
    }
    pd_buf_free(&u);
    pd_sig_fields_free(fields, nfields);
    pd_pdf_doc_close(&doc);
    free(data);
    return st;
}
