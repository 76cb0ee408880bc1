// Plain-C oneDNN reference for the engine benchmark: conv 3x3 forward, backward-data and
// backward-weights at the benchmark shapes, for activations in oneDNN's chosen layout (any),
// NCHW and NHWC. Build and run: gcc -O2 scripts/bench_dnnl.c -o /tmp/bench_dnnl -ldnnl && OMP_NUM_THREADS=2 /tmp/bench_dnnl
#include <dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define CHK(x) do{dnnl_status_t st_=(x); if(st_!=dnnl_success){printf("fail %s: %d line %d\n",#x,st_,__LINE__);exit(1);}}while(0)
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
dnnl_engine_t eng; dnnl_stream_t st;
void run(int N,int Ci,int Co,int H,int W, dnnl_format_tag_t act, const char*name){
  dnnl_dims_t sd={N,Ci,H,W}, wd={Co,Ci,3,3}, bd={Co}, dd={N,Co,H,W}, str={1,1}, pad={1,1};
  dnnl_memory_desc_t s,w,b,d, sa,wa,da;
  CHK(dnnl_memory_desc_init_by_tag(&s,4,sd,dnnl_f32,act));
  CHK(dnnl_memory_desc_init_by_tag(&w,4,wd,dnnl_f32,dnnl_format_tag_any));
  CHK(dnnl_memory_desc_init_by_tag(&b,1,bd,dnnl_f32,dnnl_x));
  CHK(dnnl_memory_desc_init_by_tag(&d,4,dd,dnnl_f32,act));
  double flops=2.0*N*Co*H*W*Ci*9;
  // fwd
  dnnl_convolution_desc_t cd; CHK(dnnl_convolution_forward_desc_init(&cd,dnnl_forward_training,dnnl_convolution_direct,&s,&w,&b,&d,str,pad,pad));
  dnnl_primitive_desc_t pd; CHK(dnnl_primitive_desc_create(&pd,&cd,NULL,eng,NULL));
  const char*impl; dnnl_primitive_desc_query(pd,dnnl_query_impl_info_str,0,&impl);
  const dnnl_memory_desc_t*qs=dnnl_primitive_desc_query_md(pd,dnnl_query_src_md,0);
  const dnnl_memory_desc_t*qw=dnnl_primitive_desc_query_md(pd,dnnl_query_weights_md,0);
  const dnnl_memory_desc_t*qd=dnnl_primitive_desc_query_md(pd,dnnl_query_dst_md,0);
  dnnl_memory_t ms,mw,mb,md; CHK(dnnl_memory_create(&ms,qs,eng,DNNL_MEMORY_ALLOCATE));CHK(dnnl_memory_create(&mw,qw,eng,DNNL_MEMORY_ALLOCATE));CHK(dnnl_memory_create(&mb,&b,eng,DNNL_MEMORY_ALLOCATE));CHK(dnnl_memory_create(&md,qd,eng,DNNL_MEMORY_ALLOCATE));
  float*p; dnnl_memory_get_data_handle(ms,(void**)&p); for(size_t i=0;i<dnnl_memory_desc_get_size(qs)/4;i++)p[i]=(i%7)*0.1f;
  dnnl_memory_get_data_handle(mw,(void**)&p); for(size_t i=0;i<dnnl_memory_desc_get_size(qw)/4;i++)p[i]=(i%5)*0.01f;
  dnnl_primitive_t pr; CHK(dnnl_primitive_create(&pr,pd));
  dnnl_exec_arg_t a[4]={{DNNL_ARG_SRC,ms},{DNNL_ARG_WEIGHTS,mw},{DNNL_ARG_BIAS,mb},{DNNL_ARG_DST,md}};
  for(int i=0;i<3;i++){CHK(dnnl_primitive_execute(pr,st,4,a));} dnnl_stream_wait(st);
  int it=20; double t0=now(); for(int i=0;i<it;i++){dnnl_primitive_execute(pr,st,4,a);} dnnl_stream_wait(st); double t=(now()-t0)/it;
  printf("%-6s fwd   N=%d %d->%d %dx%d: %.3f ms %.1f GFLOP/s [%s]\n",name,N,Ci,Co,H,W,t*1e3,flops/t/1e9,impl);
  // bwd data
  dnnl_convolution_desc_t bdd; CHK(dnnl_convolution_backward_data_desc_init(&bdd,dnnl_convolution_direct,&s,&w,&d,str,pad,pad));
  dnnl_primitive_desc_t pdb; CHK(dnnl_primitive_desc_create(&pdb,&bdd,NULL,eng,pd));
  dnnl_primitive_desc_query(pdb,dnnl_query_impl_info_str,0,&impl);
  dnnl_primitive_t prb; CHK(dnnl_primitive_create(&prb,pdb));
  const dnnl_memory_desc_t*qw2=dnnl_primitive_desc_query_md(pdb,dnnl_query_weights_md,0);
  int same=dnnl_memory_desc_equal(qw,qw2);
  dnnl_exec_arg_t ab[3]={{DNNL_ARG_DIFF_DST,md},{DNNL_ARG_WEIGHTS,mw},{DNNL_ARG_DIFF_SRC,ms}};
  for(int i=0;i<3;i++)dnnl_primitive_execute(prb,st,3,ab); dnnl_stream_wait(st);
  t0=now(); for(int i=0;i<it;i++){dnnl_primitive_execute(prb,st,3,ab);} dnnl_stream_wait(st); t=(now()-t0)/it;
  printf("%-6s bwd_d N=%d %d->%d %dx%d: %.3f ms %.1f GFLOP/s [%s] wsame=%d\n",name,N,Ci,Co,H,W,t*1e3,flops/t/1e9,impl,same);
  // bwd weights
  dnnl_convolution_desc_t bwd; CHK(dnnl_convolution_backward_weights_desc_init(&bwd,dnnl_convolution_direct,&s,&w,&b,&d,str,pad,pad));
  dnnl_primitive_desc_t pdw; CHK(dnnl_primitive_desc_create(&pdw,&bwd,NULL,eng,pd));
  dnnl_primitive_desc_query(pdw,dnnl_query_impl_info_str,0,&impl);
  const dnnl_memory_desc_t*qdw=dnnl_primitive_desc_query_md(pdw,dnnl_query_diff_weights_md,0);
  dnnl_memory_t mdw; CHK(dnnl_memory_create(&mdw,qdw,eng,DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_t prw; CHK(dnnl_primitive_create(&prw,pdw));
  dnnl_exec_arg_t aw[4]={{DNNL_ARG_SRC,ms},{DNNL_ARG_DIFF_DST,md},{DNNL_ARG_DIFF_WEIGHTS,mdw},{DNNL_ARG_DIFF_BIAS,mb}};
  for(int i=0;i<3;i++)dnnl_primitive_execute(prw,st,4,aw); dnnl_stream_wait(st);
  t0=now(); for(int i=0;i<it;i++){dnnl_primitive_execute(prw,st,4,aw);} dnnl_stream_wait(st); t=(now()-t0)/it;
  printf("%-6s bwd_w N=%d %d->%d %dx%d: %.3f ms %.1f GFLOP/s [%s] wsame=%d\n",name,N,Ci,Co,H,W,t*1e3,flops/t/1e9,impl,dnnl_memory_desc_equal(qw,qdw));
}
int main(){
  CHK(dnnl_engine_create(&eng,dnnl_cpu,0)); CHK(dnnl_stream_create(&st,eng,dnnl_stream_default_flags));
  int shapes[3][5]={{8,16,32,64,64},{8,144,16,64,64},{1,48,32,512,512}};
  dnnl_format_tag_t tags[3]={dnnl_format_tag_any,dnnl_nchw,dnnl_nhwc}; const char*names[3]={"any","nchw","nhwc"};
  for(int s=0;s<3;s++)for(int t=0;t<3;t++)run(shapes[s][0],shapes[s][1],shapes[s][2],shapes[s][3],shapes[s][4],tags[t],names[t]);
}
