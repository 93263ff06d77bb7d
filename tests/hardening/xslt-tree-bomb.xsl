<?xml version="1.0" encoding="UTF-8"?>
<!-- A result tree of 2^26 elements built without an XPath step: stopped by the memory cap. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><xsl:call-template name="t1"/></xsl:template>
  <xsl:template name="t1"><a><xsl:call-template name="t2"/><xsl:call-template name="t2"/></a></xsl:template>
  <xsl:template name="t2"><a><xsl:call-template name="t3"/><xsl:call-template name="t3"/></a></xsl:template>
  <xsl:template name="t3"><a><xsl:call-template name="t4"/><xsl:call-template name="t4"/></a></xsl:template>
  <xsl:template name="t4"><a><xsl:call-template name="t5"/><xsl:call-template name="t5"/></a></xsl:template>
  <xsl:template name="t5"><a><xsl:call-template name="t6"/><xsl:call-template name="t6"/></a></xsl:template>
  <xsl:template name="t6"><a><xsl:call-template name="t7"/><xsl:call-template name="t7"/></a></xsl:template>
  <xsl:template name="t7"><a><xsl:call-template name="t8"/><xsl:call-template name="t8"/></a></xsl:template>
  <xsl:template name="t8"><a><xsl:call-template name="t9"/><xsl:call-template name="t9"/></a></xsl:template>
  <xsl:template name="t9"><a><xsl:call-template name="t10"/><xsl:call-template name="t10"/></a></xsl:template>
  <xsl:template name="t10"><a><xsl:call-template name="t11"/><xsl:call-template name="t11"/></a></xsl:template>
  <xsl:template name="t11"><a><xsl:call-template name="t12"/><xsl:call-template name="t12"/></a></xsl:template>
  <xsl:template name="t12"><a><xsl:call-template name="t13"/><xsl:call-template name="t13"/></a></xsl:template>
  <xsl:template name="t13"><a><xsl:call-template name="t14"/><xsl:call-template name="t14"/></a></xsl:template>
  <xsl:template name="t14"><a><xsl:call-template name="t15"/><xsl:call-template name="t15"/></a></xsl:template>
  <xsl:template name="t15"><a><xsl:call-template name="t16"/><xsl:call-template name="t16"/></a></xsl:template>
  <xsl:template name="t16"><a><xsl:call-template name="t17"/><xsl:call-template name="t17"/></a></xsl:template>
  <xsl:template name="t17"><a><xsl:call-template name="t18"/><xsl:call-template name="t18"/></a></xsl:template>
  <xsl:template name="t18"><a><xsl:call-template name="t19"/><xsl:call-template name="t19"/></a></xsl:template>
  <xsl:template name="t19"><a><xsl:call-template name="t20"/><xsl:call-template name="t20"/></a></xsl:template>
  <xsl:template name="t20"><a><xsl:call-template name="t21"/><xsl:call-template name="t21"/></a></xsl:template>
  <xsl:template name="t21"><a><xsl:call-template name="t22"/><xsl:call-template name="t22"/></a></xsl:template>
  <xsl:template name="t22"><a><xsl:call-template name="t23"/><xsl:call-template name="t23"/></a></xsl:template>
  <xsl:template name="t23"><a><xsl:call-template name="t24"/><xsl:call-template name="t24"/></a></xsl:template>
  <xsl:template name="t24"><a><xsl:call-template name="t25"/><xsl:call-template name="t25"/></a></xsl:template>
  <xsl:template name="t25"><a><xsl:call-template name="t26"/><xsl:call-template name="t26"/></a></xsl:template>
  <xsl:template name="t26"><b/></xsl:template>
</xsl:stylesheet>
